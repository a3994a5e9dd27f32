package dev.jpamigrate.cli;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.change.Hazards;
import dev.jpamigrate.inspect.RowCounts;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.run.Status;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Lists changes for people: one line each, with a marker, and hazards spelled out. */
final class Printer {
    private Printer() {
    }

    static void changes(PrintWriter out, List<Change> changes, String indent) {
        for (Change change : changes) {
            out.println(indent + marker(change) + " " + Describer.describe(change));
        }
    }

    /** Hazards that lose or change data, or fail on rows: a WARNING each. The others (locks, rewrites) are NOTEs. */
    private static final Set<Hazard> DATA = EnumSet.of(Hazard.DELETES_DATA, Hazard.CONVERTS_DATA,
            Hazard.REINTERPRETS_TIMES, Hazard.VALIDATES_ROWS, Hazard.ROLLBACK_LOSES_DATA);

    /** Every hazard of each change, in its migration, with what it does to the rows the database holds, if counted. */
    static void hazards(PrintWriter err, List<Change> changes, Map<Change, RowCounts.Count> counts, String timeZone) {
        for (Change change : changes) {
            Set<Hazard> hazards = Hazards.of(change, changes);
            if (hazards.isEmpty()) {
                continue;
            }
            boolean data = hazards.stream().anyMatch(DATA::contains);
            RowCounts.Count count = counts.get(change);
            err.println((data ? "WARNING: " : "NOTE: ") + Describer.describe(change) + ": "
                    + hazards.stream().map(h -> h.words(timeZone)).collect(Collectors.joining("; "))
                    + (count == null ? "" : " (" + count.describe() + ")"));
        }
        err.flush();
    }

    /** The database's revision in one line: {@code <revision> (head)}, or how many migrations are pending. */
    static String revision(Status status) {
        int pending = status.pending().size();
        String tail = pending == 0 ? " (head)" : " (" + pending + " migration(s) pending)";
        return status.current().map(m -> m.revision() + tail)
                .orElse("no migration applied" + (pending == 0 ? "" : " (" + pending + " migration(s) pending)"));
    }

    /** Applied changeSets whose file the changelogs no longer hold: said by every command that reads history. */
    static void missingFiles(PrintWriter err, Status status) {
        status.unknownFiles().forEach(f -> err.println("WARNING: " + f + " is recorded as applied but is not in the"
                + " changelogs (deleted or renamed after it ran?); restore it from version control"));
        err.flush();
    }

    private static String marker(Change change) {
        String simple = change.getClass().getSimpleName();
        if (simple.startsWith("Create") || simple.startsWith("Add")) {
            return "+";
        }
        if (simple.startsWith("Drop")) {
            return "-";
        }
        return "~";
    }
}
