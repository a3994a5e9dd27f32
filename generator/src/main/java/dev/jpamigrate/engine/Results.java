package dev.jpamigrate.engine;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.diff.Renames;
import dev.jpamigrate.inspect.RowCounts;
import dev.jpamigrate.integrity.Integrity;
import dev.jpamigrate.integrity.Problem;
import dev.jpamigrate.render.Revision;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the engine's operations return to the command line. */
public final class Results {
    private Results() {
    }

    /** The outcome of {@code create}: no file when nothing changed. */
    public record Created(Revision revision, Path file, List<Change> changes, List<Renames.Suggestion> refused,
                          Map<Change, RowCounts.Count> counts) {
        public Created {
            changes = List.copyOf(changes);
            refused = List.copyOf(refused);
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        public Created(Revision revision, Path file, List<Change> changes) {
            this(revision, file, changes, List.of(), Map.of());
        }

        /** Nothing written: drops and adds that look like renames need the user's word first. */
        static Created refused(List<Renames.Suggestion> suggestions) {
            return new Created(null, null, List.of(), suggestions, Map.of());
        }

        /** Nothing written: the migration would fail on the rows the database holds (counts of them). */
        static Created failing(List<Change> changes, Map<Change, RowCounts.Count> failing) {
            return new Created(null, null, changes, List.of(), failing);
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
     * The outcome of {@code check}. Model drift: the entities differ from what the changelogs build (not computed
     * when the changelogs do not replay). Database drift, with a database only: changeSets pending, and differences
     * made outside any migration (compared only when nothing is pending). Problems: integrity failures of the
     * changelogs and their history.
     */
    public record Checked(List<Change> modelDrift, boolean modelChecked, List<Integrity.Pending> pending,
                          List<Change> databaseDrift, boolean databaseChecked, String database,
                          List<Problem> problems) {
        public Checked {
            modelDrift = List.copyOf(modelDrift);
            pending = List.copyOf(pending);
            databaseDrift = List.copyOf(databaseDrift);
            problems = List.copyOf(problems);
        }

        public boolean clean() {
            return modelChecked && pending.isEmpty() && modelDrift.isEmpty() && databaseDrift.isEmpty()
                    && problems.isEmpty();
        }

        /** Hand-made differences were compared: a database was given and it is at head. */
        public boolean databaseCompared() {
            return databaseChecked && pending.isEmpty();
        }
    }

    /** ChangeSets applied or reverted, by migration file. */
    public record Ran(List<String> files, int changeSets) {
    }
}
