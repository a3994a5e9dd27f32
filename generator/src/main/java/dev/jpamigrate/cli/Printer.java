package dev.jpamigrate.cli;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.change.Hazards;
import dev.jpamigrate.inspect.RowCounts;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.schema.QualifiedName;
import dev.jpamigrate.run.Status;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Lists changes for people: one line each, with a marker, and hazards spelled out. */
final class Printer {
    /** A migration's date to the minute, as history and show print it: {@code 2026-11-24 09:14}. */
    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** {@code at} in UTC, to the minute. */
    static String utcMinutes(Instant at) {
        return MINUTES.format(at.atOffset(ZoneOffset.UTC));
    }

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
        String simple = change.kind();
        if (simple.startsWith("Create") || simple.startsWith("Add")) {
            return "+";
        }
        if (simple.startsWith("Drop")) {
            return "-";
        }
        return "~";
    }
}
