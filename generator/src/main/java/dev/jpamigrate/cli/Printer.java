package dev.jpamigrate.cli;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.run.Status;

import java.io.PrintWriter;
import java.util.List;
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

    /** Warnings for everything that can lose data or fail on existing rows. */
    static void hazards(PrintWriter err, List<Change> changes) {
        for (Change change : changes) {
            if (change.hazards().contains(Hazard.DELETES_DATA) || change.hazards().contains(Hazard.CONVERTS_DATA)
                    || change.hazards().contains(Hazard.REINTERPRETS_TIMES)) {
                err.println("WARNING: " + Describer.describe(change) + ": "
                        + change.hazards().stream().map(Hazard::words).collect(Collectors.joining("; ")));
            }
        }
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
