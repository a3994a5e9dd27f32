package dev.jpamigrate.engine;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.render.Revision;

import java.nio.file.Path;
import java.util.List;

/** What the engine's operations return to the command line. */
public final class Results {
    private Results() {
    }

    /** The outcome of {@code create}: no file when nothing changed. */
    public record Created(Revision revision, Path file, List<Change> changes) {
        public boolean empty() {
            return changes.isEmpty();
        }
    }

    /**
     * The outcome of {@code check}. Model drift: the entities differ from what the changelogs build. Database
     * drift: the live database has changeSets pending, or differs from what the changelogs build.
     */
    public record Checked(List<String> pending, List<Change> modelDrift, List<Change> databaseDrift,
                          boolean databaseChecked) {
        public boolean clean() {
            return pending.isEmpty() && modelDrift.isEmpty() && databaseDrift.isEmpty();
        }
    }

    /** ChangeSets applied or reverted, by migration file. */
    public record Ran(List<String> files, int changeSets) {
    }
}
