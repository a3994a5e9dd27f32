package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.Text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the migration a user names, as {@code current} and {@code history} show it: its 6-hex id ({@code a1b2c3}),
 * its revision ({@code 20261123_2014-a1b2c3}), its file name (with or without {@code .sql}), or a unique prefix of
 * the id or the revision. An exact name wins over a prefix, so {@code a1b2c3} is never ambiguous with {@code a1b2c34}.
 */
public final class Revisions {
    private Revisions() {
    }

    /** What a reference names among the migrations of the changelogs. */
    public sealed interface Resolved {
        /** Exactly one migration, at {@code index} in changelog order. */
        record Found(int index, Migration migration) implements Resolved {
        }

        /** No migration. */
        record Unknown(String ref) implements Resolved {
        }

        /** Several migrations; {@code candidates} in changelog order. */
        record Ambiguous(String ref, List<Migration> candidates) implements Resolved {
            public Ambiguous {
                candidates = List.copyOf(candidates);
            }
        }
    }

    public static Resolved resolve(List<Migration> migrations, String ref) {
        String r = ref.trim();
        List<Integer> exact = new ArrayList<>();
        List<Integer> prefix = new ArrayList<>();
        for (int i = 0; i < migrations.size(); i++) {
            Migration m = migrations.get(i);
            if (r.isEmpty()) {
                continue;
            }
            if (m.matches(r)) {
                exact.add(i);
            } else if (isPrefix(m, r)) {
                prefix.add(i);
            }
        }
        List<Integer> hits = !exact.isEmpty() ? exact : prefix;
        if (hits.isEmpty()) {
            return new Resolved.Unknown(r);
        }
        if (hits.size() > 1) {
            return new Resolved.Ambiguous(r, hits.stream().map(migrations::get).toList());
        }
        return new Resolved.Found(hits.get(0), migrations.get(hits.get(0)));
    }

    /**
     * The migration {@code ref} names, or the one line (exit 2) for a name that is unknown or ambiguous, ended by
     * {@code tail} ("; nothing was changed").
     */
    public static Resolved.Found require(List<Migration> migrations, String ref, Path master, String tail) {
        Resolved resolved = resolve(migrations, ref);
        if (resolved instanceof Resolved.Found f) {
            return f;
        }
        if (resolved instanceof Resolved.Ambiguous a) {
            List<String> shown = a.candidates().stream().limit(3).map(Migration::revision).toList();
            String names = a.candidates().size() == 2 ? shown.get(0) + " and " + shown.get(1)
                    : String.join(", ", shown) + (a.candidates().size() > 3 ? ", ..." : "");
            throw new MigrateException("revision '" + a.ref() + "' is ambiguous: it names " + names + "; give more of it"
                    + tail, null, MigrateException.Kind.USAGE);
        }
        throw new MigrateException(Text.of("unknown revision '" + ref.trim() + "': not in " + master + " (",
                Text.command("history"), " lists them)" + tail), null, MigrateException.Kind.USAGE);
    }

    private static boolean isPrefix(Migration m, String ref) {
        String r = ref.toLowerCase(Locale.ROOT);
        String name = Path.of(m.file()).getFileName().toString().toLowerCase(Locale.ROOT);
        return m.rev().toLowerCase(Locale.ROOT).startsWith(r) || m.revision().toLowerCase(Locale.ROOT).startsWith(r)
                || name.startsWith(r);
    }
}
