package dev.jpamigrate.integrity;

import dev.jpamigrate.util.Causes;
import dev.jpamigrate.MigrateException;
import dev.jpamigrate.Text;
import dev.jpamigrate.render.Revision;
import dev.jpamigrate.run.Applied;
import dev.jpamigrate.run.ChangeSetFailed;
import dev.jpamigrate.db.DbUrl;
import liquibase.Scope;
import liquibase.exception.DatabaseException;

import java.nio.file.Path;
import java.util.*;
import java.util.function.Function;

/**
 * The checks that keep a changelog history trustworthy: files edited after they were applied, files created on
 * parallel branches that got out of order, and changelogs that no longer replay.
 */
public final class Integrity {
    /** What to run to generate a migration again. */
    private static final Text.Command CREATE = Text.command("create", "\"<message>\"");

    private Integrity() {
    }

    /** The outcome of comparing the changelogs with a database's DATABASECHANGELOG. */
    public record History(List<Pending> pending, List<Problem> problems) {
        public History {
            pending = List.copyOf(pending);
            problems = List.copyOf(problems);
        }
    }

    /** A changeSet the database has not run. */
    public record Pending(String file, String id, String author) {
    }

    /**
     * The master must include migrations in the order they were created. A file included after a newer one was
     * generated against a schema without the newer one, which is what happens when two branches each add a migration.
     */
    public static List<Problem> includeOrder(List<String> includes) {
        List<Problem> problems = new ArrayList<>();
        String newest = null;
        String newestStamp = null;
        for (String include : includes) {
            String name = fileName(include);
            Optional<Revision> revision = Revision.parse(name);
            if (revision.isEmpty()) {
                continue;
            }
            String stamp = revision.get().stamp();
            if (newestStamp != null && stamp.compareTo(newestStamp) < 0) {
                problems.add(new Problem(Problem.Kind.OUT_OF_ORDER, List.of(name, newest),
                        Text.of(name + " (created " + readable(stamp) + ") is included after " + newest + " (created "
                                + readable(newestStamp) + "): the two were probably created on parallel branches, so "
                                + name + " was generated against a schema without " + newest),
                        Text.of("if " + name + " is not applied to any shared database: delete it and its <include>"
                                + " line, then run ", CREATE, " to generate it again on top of " + newest
                                + ". If it is applied everywhere already, rename the file to a timestamp after "
                                + newest + " (keep its contents: logicalFilePath keeps its identity) and fix the "
                                + "<include> line")));
            } else {
                newest = name;
                newestStamp = stamp;
            }
        }
        return problems;
    }

    /**
     * Reads what a database recorded, as paired with the changelogs once ({@link dev.jpamigrate.run.History}):
     * changeSets pending, edited after they ran (checksum mismatch), removed after they ran, and pending before a
     * changeSet that already ran. A changeSet that this run's contexts or labels leave out is none of these.
     */
    public static History history(dev.jpamigrate.run.History pairing) {
        Map<String, List<String>> edited = new LinkedHashMap<>();
        Map<String, String> recordedAs = new HashMap<>(); // file -> filename as databasechangelog holds it
        List<Pending> pending = new ArrayList<>();
        String lastAppliedFile = null;
        List<String> pendingBefore = new ArrayList<>(); // pending files seen before the last applied one
        Map<String, String> pendingBeforeApplied = new LinkedHashMap<>();
        for (dev.jpamigrate.run.History.Entry e : pairing.entries()) {
            dev.jpamigrate.run.Listed cs = e.changeSet();
            String file = e.file();
            if (!e.applied()) {
                if (!e.selected()) {
                    continue;
                }
                pending.add(new Pending(file, cs.id(), cs.author()));
                if (!pendingBefore.contains(file)) {
                    pendingBefore.add(file);
                }
                continue;
            }
            Applied row = e.row();
            lastAppliedFile = file;
            for (String p : pendingBefore) {
                if (!p.equals(file)) {
                    pendingBeforeApplied.putIfAbsent(p, file);
                }
            }
            pendingBefore.clear();
            if (row.checksum() != null && !row.checksum().isBlank() && !matches(cs, row.checksum())) {
                edited.computeIfAbsent(file, f -> new ArrayList<>()).add(cs.id());
                recordedAs.putIfAbsent(file, row.file());
            }
        }
        List<Problem> problems = new ArrayList<>();
        edited.forEach((file, ids) -> problems.add(new Problem(Problem.Kind.CHANGELOG_EDITED, List.of(file),
                Text.of(file + " was edited after it was applied to this database (checksum mismatch in changeSet(s) "
                        + String.join(", ", ids) + "): the database ran the old text, a fresh replay runs the new one"),
                Text.of("restore " + file + " as it was when applied (", Text.code("git checkout <commit> -- <path>"),
                        ") and put the change in a new migration (", Text.command("create"), "). If the edit only"
                        + " fixed a comment or whitespace and the schema is the same, clear the stored checksum: ",
                        Text.code("UPDATE databasechangelog SET md5sum = NULL WHERE filename = '"
                                + recordedAs.get(file) + "'"), "; Liquibase recomputes it on the next upgrade"))));
        Map<String, List<String>> removed = new LinkedHashMap<>();
        for (Applied a : pairing.orphans()) {
            removed.computeIfAbsent(a.file(), f -> new ArrayList<>()).add(a.id());
        }
        removed.forEach((file, ids) -> problems.add(new Problem(Problem.Kind.CHANGESET_REMOVED, List.of(file),
                Text.of(file + ": changeSet(s) " + String.join(", ", ids) + " ran on this database but are no longer"
                        + " in the changelogs (the file was deleted, renamed without logicalFilePath, or re-created)"),
                Text.of("restore the file, or if it was re-created on purpose: ", Text.command("downgrade"),
                        " on this database before removing it, or ", Text.command("stamp"),
                        " to record the current state"))));
        String last = lastAppliedFile;
        pendingBeforeApplied.forEach((file, later) -> problems.add(new Problem(Problem.Kind.APPLIED_OUT_OF_ORDER,
                List.of(file, later),
                Text.of(file + " is pending on this database although " + later + ", included after it, is already"
                        + " applied: it was probably created on a parallel branch and merged after " + later
                        + " was deployed. An upgrade would run it after " + later + ", an order no replay of the"
                        + " changelogs tests"),
                Text.of("if " + file + " is not applied to any shared database: delete it and its <include> line, and"
                        + " run ", CREATE, " to generate it again after " + last + ". If it must stay, move its"
                        + " <include> line after " + last + " and rename it to a later timestamp so that replay and"
                        + " databases run the same order"))));
        return new History(pending, problems);
    }

    /**
     * What leaving out, in turn, each of the migrations before a failing one showed: {@code with} is the one without
     * which it applies (null when none), {@code tried} how many were left out; {@code tried < 0} when the test could
     * not be run.
     */
    public record Conflict(String with, int tried) {
        public static Conflict unknown() {
            return new Conflict(null, -1);
        }
    }

    /**
     * Explains why replaying the changelogs failed. Two migrations created on parallel branches that both change the
     * same thing fail this way after the merge; so does a migration generated against a database that has objects
     * the changelogs do not create. {@code conflict} tells them apart: given the failing file, it says which earlier
     * migration, left out, lets it apply. Only that evidence is reported as parallel branches.
     */
    public static Problem replayFailed(MigrateException failure, List<String> includes,
                                       Function<String, Conflict> conflict) {
        String file = failedFile(failure);
        String why = reason(failure);
        if (file == null) {
            return new Problem(Problem.Kind.REPLAY_FAILED, List.of(),
                    Text.of("the changelogs do not replay on an empty database: " + why),
                    Text.of("fix the file the error names; run ", Text.command("check", "--verbose"), " for details"));
        }
        List<String> names = includes.stream().map(Integrity::fileName).toList();
        int at = names.indexOf(file);
        if (at == 0) {
            return new Problem(Problem.Kind.REPLAY_FAILED, List.of(file),
                    Text.of(file + ", the first migration, does not apply on an empty database: " + why + ". It was"
                            + " probably generated against a database built outside the migrations (",
                            Text.command("create", "--url"), " on a database that was not adopted first)"),
                    Text.of("if " + file + " is not applied to any shared database: delete it and its <include> line,"
                            + " adopt that database with ", Text.command("baseline", "\"existing schema\"", "--url", "<it>"),
                            ", then run ", CREATE, " again; if it is broken, fix it"));
        }
        Conflict found = at > 0 ? conflict.apply(file) : Conflict.unknown();
        if (found.with() != null) {
            return new Problem(Problem.Kind.REPLAY_FAILED, List.of(file, found.with()),
                    Text.of(file + " does not apply on top of the migrations before it: " + why + ". It applies when "
                            + found.with() + " is left out: the two change the same thing, so they were created on"
                            + " parallel branches and both were kept in the merge"),
                    Text.of("keep the migration that is already applied to shared databases and delete the other ("
                            + file + " or " + found.with() + ") and its <include> line; then run ", CREATE,
                            " to generate whatever the entities still need on top of it"));
        }
        Text tested = found.tried() > 0 ? Text.of(" Leaving out any one of the " + found.tried() + " migration(s)"
                + " before it does not make it apply, so no other migration conflicts with it: it was probably"
                + " generated against a database that has objects the changelogs do not create (",
                Text.command("create", "--url"), " on a database changed outside the migrations)") : Text.of();
        return new Problem(Problem.Kind.REPLAY_FAILED, List.of(file),
                Text.of(file + " does not apply on top of the migrations before it: " + why + ".", tested),
                Text.of("if " + file + " is not applied to any shared database (downgrade it where it is): delete it"
                        + " and its <include> line; exclude the objects the entities do not manage (--exclude PATTERN"
                        + " or exclude= in migrate.properties), then run ", CREATE, " again; if it is broken, fix it"));
    }

    /**
     * The database's own words: the message of the statement's failure as Liquibase hands it back (its
     * DatabaseException, with the failed SQL), else the words after "Reason: " in the failure's message.
     */
    static String reason(MigrateException failure) {
        return Causes.first(failure, DatabaseException.class).map(Throwable::getMessage).filter(m -> !m.isBlank())
                .map(m -> DbUrl.mask(m.replaceAll("\\s+", " ").trim()))
                .orElseGet(() -> reason(failure.getMessage()));
    }

    /** The words after "Reason: ", without Liquibase's chain of exception names. */
    static String reason(String message) {
        if (message == null) {
            return "";
        }
        int at = message.lastIndexOf("Reason: ");
        String reason = at >= 0 ? message.substring(at + "Reason: ".length()) : message;
        return reason.replaceFirst("^(\\w+Exception: )+", "").trim();
    }

    /**
     * A database with tables and no recorded migration was built some other way (hbm2ddl, by hand, another tool);
     * upgrading it would fail on the first CREATE TABLE. {@code differences} compares it with the changelogs' head.
     */
    public static Problem untracked(String database, int differences, boolean noMigrations) {
        return new Problem(Problem.Kind.UNTRACKED_SCHEMA, List.of(),
                Text.of(database + " has tables but no migration recorded in databasechangelog: it was built outside"
                        + " the migrations" + (noMigrations ? ", and the changelogs hold no migration yet"
                        : ", and an upgrade would fail with 'already exists'. "
                        + (differences == 0 ? "Its schema is exactly what the changelogs build"
                        : "Its schema differs from what the changelogs build in " + differences + " way(s)"))),
                noMigrations ? Text.of("adopt it: ", Text.command("baseline", "\"existing schema\""),
                        " writes its schema as the first migration and records it as applied there, without running it")
                        : differences == 0 ? Text.of("record the migrations as applied without running them: ",
                        Text.command("stamp", "head"))
                        : Text.of("stamp the last migration its schema matches (", Text.command("stamp", "<rev>"),
                        "), then ", Text.command("upgrade"), "; ", Text.command("check", "--url"),
                        " shows what is left to reconcile"));
    }

    /** The file of the changeSet the run failed in, as Liquibase named it to the run; null outside any changeSet. */
    static String failedFile(Throwable failure) {
        return Causes.first(failure, ChangeSetFailed.class).map(f -> fileName(f.file())).orElse(null);
    }

    /** A listing read from the cache compares without Liquibase; a parsed one computes its checksum in a quiet scope. */
    private static boolean matches(dev.jpamigrate.run.Listed cs, String stored) {
        return cs.complete() ? cs.accepts(stored) : quietly(() -> cs.accepts(stored));
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    private static <T> T quietly(Action<T> action) {
        Map<String, Object> scope = new HashMap<>();
        if (!java.util.logging.Logger.getLogger("liquibase").isLoggable(java.util.logging.Level.INFO)) {
            scope.put(Scope.Attr.logService.name(), new liquibase.logging.core.NoOpLogService());
        }
        try {
            return Scope.child(scope, action::run);
        } catch (Exception e) {
            throw new MigrateException("cannot read the changelogs: " + e.getMessage(), e);
        }
    }

    static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }

    private static String readable(String stamp) {
        // 20261123_2014 -> 2026-11-23 20:14 UTC
        return stamp.substring(0, 4) + "-" + stamp.substring(4, 6) + "-" + stamp.substring(6, 8) + " "
                + stamp.substring(9, 11) + ":" + stamp.substring(11, 13) + " UTC";
    }
}
