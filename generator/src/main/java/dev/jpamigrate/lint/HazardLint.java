package dev.jpamigrate.lint;

import dev.jpamigrate.change.Hazard;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hazard gate: the hazards a migration file declares for each changeSet ({@code -- hazard KIND: ...}, written by
 * {@code create}), against the ones a reviewer accepted in the file ({@code -- accept: KIND, KIND}) or on the command
 * line. A hazard nobody accepted fails the gate.
 */
public final class HazardLint {
    private static final Pattern CHANGESET = Pattern.compile("^--\\s*changeset\\s+(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HAZARD = Pattern.compile("^--\\s*hazard\\s+([A-Z_]+)\\b");
    private static final Pattern ACCEPT = Pattern.compile("^--\\s*accept:\\s*(.+)$", Pattern.CASE_INSENSITIVE);

    private HazardLint() {
    }

    /** One changeSet's hazards, and which of them are accepted. */
    public record Finding(String file, String changeSet, Set<Hazard> hazards, Set<Hazard> accepted) {
        public Set<Hazard> unaccepted() {
            Set<Hazard> left = hazards.isEmpty() ? EnumSet.noneOf(Hazard.class) : EnumSet.copyOf(hazards);
            left.removeAll(accepted);
            return left;
        }
    }

    /** Every changeSet of one file that declares a hazard; {@code allowed} counts as accepted everywhere. */
    public static List<Finding> read(String file, String text, Set<Hazard> allowed) {
        List<Finding> findings = new ArrayList<>();
        String id = null;
        Set<Hazard> hazards = EnumSet.noneOf(Hazard.class);
        Set<Hazard> accepted = EnumSet.noneOf(Hazard.class);
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            Matcher m;
            if ((m = CHANGESET.matcher(line)).find()) {
                add(findings, file, id, hazards, accepted, allowed);
                id = m.group(1);
                hazards = EnumSet.noneOf(Hazard.class);
                accepted = EnumSet.noneOf(Hazard.class);
            } else if (id != null && (m = HAZARD.matcher(line)).find()) {
                hazard(m.group(1)).ifPresent(hazards::add);
            } else if (id != null && (m = ACCEPT.matcher(line)).find()) {
                accepted.addAll(parse(m.group(1)));
            }
        }
        add(findings, file, id, hazards, accepted, allowed);
        return findings;
    }

    private static void add(List<Finding> findings, String file, String id, Set<Hazard> hazards, Set<Hazard> accepted,
                            Set<Hazard> allowed) {
        if (id != null && !hazards.isEmpty()) {
            Set<Hazard> ok = EnumSet.noneOf(Hazard.class);
            ok.addAll(accepted);
            ok.addAll(allowed);
            ok.retainAll(hazards);
            findings.add(new Finding(file, id, hazards, ok));
        }
    }

    /** {@code DELETES_DATA, locks_table}: hazard names, comma-separated; an unknown name is an error. */
    public static Set<Hazard> parse(String names) {
        Set<Hazard> out = EnumSet.noneOf(Hazard.class);
        for (String name : names.split("[,\\s]+")) {
            if (!name.isBlank()) {
                out.add(hazard(name).orElseThrow(() -> new dev.jpamigrate.MigrateException("unknown hazard '" + name
                        + "': use one of " + java.util.Arrays.toString(Hazard.values()))));
            }
        }
        return out;
    }

    private static java.util.Optional<Hazard> hazard(String name) {
        try {
            return java.util.Optional.of(Hazard.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
