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

    /** Warnings for everything that can lose data or fail on existing rows; date-times convert in {@code timeZone}. */
    static void hazards(PrintWriter err, List<Change> changes, String timeZone) {
        for (Change change : changes) {
            if (change.hazards().contains(Hazard.DELETES_DATA) || change.hazards().contains(Hazard.CONVERTS_DATA)
                    || change.hazards().contains(Hazard.REINTERPRETS_TIMES)) {
                err.println("WARNING: " + Describer.describe(change) + ": "
                        + change.hazards().stream().map(h -> h.words(timeZone)).collect(Collectors.joining("; ")));
            }
        }
    }

    /**
     * A dropped and an added column of the same type in one table may be a rename. The generator never guesses
     * (a guess that fires on a genuinely new column loses data); it says how to turn the pair into a rename.
     */
    static void renameHints(PrintWriter err, List<Change> changes) {
        for (Change change : changes) {
            if (change instanceof Change.DropColumn drop) {
                changes.stream()
                        .filter(c -> c instanceof Change.AddColumn add && add.table().equals(drop.table())
                                && add.column().type().equals(drop.column().type()))
                        .map(c -> (Change.AddColumn) c)
                        .forEach(add -> err.println("HINT: if " + drop.table() + "." + drop.column().name() + " was renamed to "
                                + add.column().name() + ", replace its drop and add changeSets with: ALTER TABLE "
                                + drop.table().sql() + " RENAME COLUMN " + dev.jpamigrate.schema.Sql.ident(drop.column().name())
                                + " TO " + dev.jpamigrate.schema.Sql.ident(add.column().name()) + "; (rollback: the reverse rename)"));
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
