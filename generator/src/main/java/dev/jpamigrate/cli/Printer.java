package dev.jpamigrate.cli;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.schema.QualifiedName;
import dev.jpamigrate.run.Status;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    /**
     * The one line for a migration generated against a database that has what the changelogs do not create:
     * {@code outside} are the changes from what they build to what it has.
     */
    static String outside(String database, List<Change> outside, boolean firstMigration, String file) {
        Set<QualifiedName> tables = new HashSet<>();
        outside.stream().filter(c -> c instanceof Change.CreateTable)
                .forEach(c -> tables.add(((Change.CreateTable) c).table().name()));
        Set<QualifiedName> serials = new HashSet<>(); // sequences those tables own
        outside.stream().filter(c -> c instanceof Change.SetSequenceOwner o && o.to() != null
                && tables.contains(o.to().table())).forEach(c -> serials.add(((Change.SetSequenceOwner) c).sequence()));
        Map<String, List<String>> created = new LinkedHashMap<>(); // kind -> names
        List<String> others = new ArrayList<>();
        for (Change c : outside) {
            if (c instanceof Change.AddConstraint a && tables.contains(a.table())
                    || c instanceof Change.CreateSequence q && serials.contains(q.sequence().name())
                    || c instanceof Change.SetSequenceOwner o && serials.contains(o.sequence())) {
                continue; // part of a table counted below: its foreign keys and serials are changes of their own
            }
            if (c instanceof Change.CreateTable t) {
                created.computeIfAbsent("table", k -> new ArrayList<>()).add(t.table().name().toString());
            } else if (c instanceof Change.CreateEnum e) {
                created.computeIfAbsent("enum type", k -> new ArrayList<>()).add(e.type().name().toString());
            } else if (c instanceof Change.CreateSequence q) {
                created.computeIfAbsent("sequence", k -> new ArrayList<>()).add(q.sequence().name().toString());
            } else if (c instanceof Change.CreateSchema n) {
                created.computeIfAbsent("schema", k -> new ArrayList<>()).add(n.name());
            } else {
                others.add(Describer.describe(c));
            }
        }
        StringBuilder line = new StringBuilder("note: " + database + " has ");
        if (!created.isEmpty()) {
            List<String> counts = created.entrySet().stream().map(e -> e.getValue().size() + " " + e.getKey() + "(s)")
                    .toList();
            line.append(counts.size() == 1 ? counts.get(0) : String.join(", ", counts.subList(0, counts.size() - 1))
                    + " and " + counts.get(counts.size() - 1)).append(" the changelogs do not create (")
                    .append(few(created.values().stream().flatMap(List::stream).toList())).append(')');
        }
        if (!others.isEmpty()) {
            line.append(created.isEmpty() ? "" : " and ").append(others.size())
                    .append(created.isEmpty() ? "" : " other").append(" difference(s) from what they build (")
                    .append(few(others)).append(')');
        }
        line.append("; the migration starts from the database as it is");
        line.append(firstMigration
                ? ". Run baseline first to record them: delete " + file + " and its <include> line, run"
                + " ./migrate baseline \"existing schema\", then ./migrate create again"
                : ", but the changelogs do not build this database: if the entities do not manage them, delete " + file
                + " and its <include> line, exclude them (--exclude PATTERN or exclude= in migrate.properties) and"
                + " ./migrate create again");
        return line.toString();
    }

    private static String few(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + ", ...";
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
