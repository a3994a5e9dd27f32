package dev.jpamigrate.engine;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.diff.Renames;
import dev.jpamigrate.inspect.RowCounts;
import dev.jpamigrate.integrity.Integrity;
import dev.jpamigrate.integrity.Problem;
import dev.jpamigrate.render.Revision;
import dev.jpamigrate.schema.Schema;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the engine's operations return to the command line. */
public final class Results {
    private Results() {
    }

    /**
     * The outcome of {@code create}: no file when nothing changed. {@code refused}: drops and adds that look like
     * renames, when the user's word is needed first; {@code counts}: what the changes do to the rows the database holds
     * (with a database), or, when no file was written, the rows the migration would fail on. {@code outside}: what the
     * database has that the changelogs do not build (the changes from their head to it, excluded objects aside), when
     * a database was given; {@code verifiedFromDatabase}: the migration was verified on a copy of the database's
     * schema, not on the changelogs replayed; {@code firstMigration}: the changelogs held no migration before this one.
     */
    public record Created(Revision revision, Path file, List<Change> changes, List<Renames.Suggestion> refused,
                          Map<Change, RowCounts.Count> counts, List<Change> outside, boolean verifiedFromDatabase,
                          boolean firstMigration) {
        public Created {
            changes = List.copyOf(changes);
            refused = List.copyOf(refused);
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            outside = List.copyOf(outside);
        }

        public Created(Revision revision, Path file, List<Change> changes) {
            this(revision, file, changes, List.of(), Map.of(), List.of(), false, false);
        }

        /** Nothing written: drops and adds that look like renames need the user's word first. */
        static Created refused(List<Renames.Suggestion> suggestions) {
            return new Created(null, null, List.of(), suggestions, Map.of(), List.of(), false, false);
        }

        /** Nothing written: the migration would fail on the rows the database holds (counts of them). */
        static Created failing(List<Change> changes, Map<Change, RowCounts.Count> failing) {
            return new Created(null, null, changes, List.of(), failing, List.of(), false, false);
        }

        /** True when a file was written, or nothing needed writing. */
        public boolean written() {
            return file != null;
        }

        public boolean empty() {
            return changes.isEmpty() && refused.isEmpty();
        }
    }

    /**
     * The outcome of {@code baseline}: the migration that builds the database's schema from nothing (no file when the
     * database holds nothing the tool manages), how many changeSets it has, and how many were recorded as applied.
     */
    public record Baselined(Revision revision, Path file, Schema schema, int changeSets, int extensions, int marked) {
        public boolean empty() {
            return file == null;
        }
    }

    /**
     * The outcome of {@code check}. Model drift: the entities differ from what the changelogs build (not computed
     * when the changelogs do not replay). Database drift, with a database only: changeSets pending, and differences
     * made outside any migration (compared only when nothing is pending). Problems: integrity failures of the
     * changelogs and their history. {@code entities} and {@code live}: the schemas each drift leads to (the entities',
     * the database's), for a picture of what drifted; null when not read.
     */
    public record Checked(List<Change> modelDrift, boolean modelChecked, List<Integrity.Pending> pending,
                          List<Change> databaseDrift, boolean databaseChecked, String database,
                          List<Problem> problems, Schema entities, Schema live) {
        public Checked {
            modelDrift = List.copyOf(modelDrift);
            pending = List.copyOf(pending);
            databaseDrift = List.copyOf(databaseDrift);
            problems = List.copyOf(problems);
        }

        public Checked(List<Change> modelDrift, boolean modelChecked, List<Integrity.Pending> pending,
                       List<Change> databaseDrift, boolean databaseChecked, String database, List<Problem> problems) {
            this(modelDrift, modelChecked, pending, databaseDrift, databaseChecked, database, problems, null, null);
        }

        public boolean clean() {
            return modelChecked && pending.isEmpty() && modelDrift.isEmpty() && databaseDrift.isEmpty()
                    && problems.isEmpty();
        }

        /** Hand-made differences were compared: a database was given, it is at head, and migrations ran there. */
        public boolean databaseCompared() {
            return databaseChecked && pending.isEmpty() && !untracked();
        }

        /** The database has tables and no migration recorded: it was never migrated, so nothing is "hand-made". */
        public boolean untracked() {
            return problems.stream().anyMatch(p -> p.kind() == Problem.Kind.UNTRACKED_SCHEMA);
        }
    }

    /** ChangeSets applied or reverted, by migration file. */
    public record Ran(List<String> files, int changeSets) {
    }
}
