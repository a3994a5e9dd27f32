package dev.jpamigrate.run;

import dev.jpamigrate.render.Revision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One migration file of the changelogs (a file jpa-migrate wrote, or any changelog of the master's tree that holds
 * changeSets), and how many of its changeSets the database has applied.
 */
public record Migration(String file, String revision, String rev, String message, LocalDateTime created,
                        int changeSets, int applied, Instant appliedAt) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm", Locale.ROOT);
    private static final String MESSAGE = "-- Migration:";

    /** Applied in full, in part (a run that failed outside jpa-migrate), or not at all. */
    public enum State {
        APPLIED, PARTIAL, PENDING;

        public String words() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A migration file by its key ({@link History#file}): revision and date from a jpa-migrate file name, else
     * {@code label}; the message from the {@code -- Migration:} header line of {@code source}, the file on disk.
     */
    static Migration of(String file, String label, Path source, int changeSets, int applied, Instant appliedAt) {
        String name = Path.of(file).getFileName().toString();
        Optional<Revision> parsed = Revision.parse(name);
        String revision = parsed.map(Revision::id).orElse(label);
        String rev = parsed.map(Revision::rev).orElse(revision);
        LocalDateTime created = parsed.map(r -> LocalDateTime.parse(r.stamp(), STAMP)).orElse(null);
        return new Migration(file, revision, rev, message(source), created, changeSets, applied, appliedAt);
    }

    private static String message(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.limit(20).filter(l -> l.startsWith(MESSAGE)).findFirst()
                    .map(l -> l.substring(MESSAGE.length()).trim()).orElse("");
        } catch (IOException | UncheckedIOException e) {
            return ""; // the message is decoration; Liquibase reports an unreadable file on its own
        }
    }

    public State state() {
        if (applied == 0) {
            return State.PENDING;
        }
        return applied >= changeSets ? State.APPLIED : State.PARTIAL;
    }

    /** True when {@code ref} names this migration: its 6-hex id, its {@code YYYYMMDD_HHMM-id}, or its file name. */
    public boolean matches(String ref) {
        String r = ref.trim();
        String name = Path.of(file).getFileName().toString();
        return r.equalsIgnoreCase(rev) || r.equalsIgnoreCase(revision) || r.equals(file) || r.equals(name)
                || r.equals(name.replaceFirst("\\.sql$", ""));
    }

    /** {@code <revision>, <message>} for output lines. */
    public String label() {
        return message.isEmpty() ? revision : revision + ", " + message;
    }
}
