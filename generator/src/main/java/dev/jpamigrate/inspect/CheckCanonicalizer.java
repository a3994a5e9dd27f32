package dev.jpamigrate.inspect;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.db.Batch;
import dev.jpamigrate.db.ScratchDatabase;
import dev.jpamigrate.render.SqlRenderer;
import dev.jpamigrate.schema.*;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.*;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Brings CHECK constraint text to the form PostgreSQL reads back once it is fed its own output: its deparsed text is
 * not a fixed point. Hibernate's {@code check (status in ('OPEN','CLOSED'))} reads back as
 * {@code (status)::text = ANY ((ARRAY['OPEN'::character varying, ...])::text[])}, and that, applied again, as
 * {@code (status)::text = ANY (ARRAY[('OPEN'::character varying)::text, ...])}. The desired schema is already at the
 * fixed point (it went through PostgreSQL twice); a database built by Hibernate or by hand usually is not. Two checks
 * that mean the same thing then compare equal, whoever wrote them.
 *
 * <p>Only tables whose checks differ in text from the other side's same-named checks are canonicalized: their columns
 * (types only) and checks are created in a scratch database, read back until the text stops changing, and rolled back.
 * A check that cannot be re-created there (it calls a function of the user's database, say) is left as it is.
 */
public final class CheckCanonicalizer {
    private static final int MAX_ROUNDS = 3;

    private CheckCanonicalizer() {
    }

    /** True when some check of {@code schema} differs in text from {@code reference}'s check of the same name. */
    public static boolean needed(Schema schema, Schema reference) {
        return schema.tables().stream().anyMatch(t -> differs(t, reference));
    }

    /** {@code schema} with the checks that differ from {@code reference}'s brought to PostgreSQL's fixed point. */
    public static Schema canonical(Schema schema, Schema reference, Supplier<ScratchDatabase> scratches,
                                   Consumer<String> log) {
        List<Table> differing = schema.tables().stream().filter(t -> differs(t, reference)).toList();
        if (differing.isEmpty()) {
            return schema;
        }
        Map<QualifiedName, Map<String, String>> definitions = new HashMap<>();
        for (Table t : differing) {
            Map<String, String> checks = new LinkedHashMap<>();
            t.constraints().stream().filter(c -> c.kind() == Constraint.Kind.CHECK)
                    .forEach(c -> checks.put(c.name(), c.definition()));
            definitions.put(t.name(), checks);
        }
        try (ScratchDatabase db = scratches.get(); Connection c = db.connect()) {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Map<QualifiedName, Map<String, String>> next = roundTrip(c, schema, differing, definitions);
                boolean stable = next.equals(definitions);
                definitions = next;
                if (stable) {
                    break;
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.accept("check constraints compared as written: cannot re-create them on a scratch database ("
                    + e.getMessage() + ")");
            return schema;
        }
        Map<QualifiedName, Map<String, String>> canonical = definitions;
        return schema.withTables(schema.tables().stream()
                .map(t -> canonical.containsKey(t.name()) ? withChecks(t, canonical.get(t.name())) : t).toList());
    }

    private static boolean differs(Table table, Schema reference) {
        Optional<Table> other = reference.table(table.name());
        if (other.isEmpty()) {
            return false;
        }
        Map<String, String> theirs = new HashMap<>();
        other.get().constraints().stream().filter(c -> c.kind() == Constraint.Kind.CHECK)
                .forEach(c -> theirs.put(c.name(), c.definition()));
        return table.constraints().stream().filter(c -> c.kind() == Constraint.Kind.CHECK)
                .anyMatch(c -> theirs.containsKey(c.name()) && !theirs.get(c.name()).equals(c.definition()));
    }

    /** Creates the tables' columns and checks as given, reads the checks back, and undoes it all. */
    private static Map<QualifiedName, Map<String, String>> roundTrip(Connection c, Schema schema, List<Table> tables,
                                                                     Map<QualifiedName, Map<String, String>> checks)
            throws SQLException {
        List<String> sql = new ArrayList<>();
        schema.schemas().forEach(s -> sql.addAll(SqlRenderer.render(new Change.CreateSchema(s))));
        // a column's type may be an extension's (citext); where the extension is missing, the checks stay as written
        schema.extensions().forEach(e -> sql.addAll(SqlRenderer.render(new Change.CreateExtension(e))));
        schema.extensions().forEach(e -> sql.addAll(SqlRenderer.render(new Change.CreateExtension(e))));
        schema.enums().forEach(e -> sql.addAll(SqlRenderer.render(new Change.CreateEnum(e))));
        for (Table t : tables) {
            List<Column> columns = t.columns().stream()
                    .map(col -> new Column(col.name(), col.type(), col.typeCategory(), false, null, null, null, null))
                    .toList();
            List<Constraint> constraints = checks.get(t.name()).entrySet().stream()
                    .map(e -> new Constraint(e.getKey(), Constraint.Kind.CHECK, List.of(), e.getValue(), null)).toList();
            sql.addAll(SqlRenderer.render(new Change.CreateTable(new Table(t.name(), columns, constraints, List.of(), null))));
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            Batch.run(c, sql);
            Schema back = CatalogInspector.inspect(c);
            Map<QualifiedName, Map<String, String>> result = new HashMap<>();
            for (Table t : tables) {
                Map<String, String> read = new LinkedHashMap<>();
                back.table(t.name()).orElseThrow().constraints().stream()
                        .filter(k -> k.kind() == Constraint.Kind.CHECK).forEach(k -> read.put(k.name(), k.definition()));
                result.put(t.name(), read);
            }
            return result;
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    private static Table withChecks(Table table, Map<String, String> checks) {
        return new Table(table.name(), table.columns(), table.constraints().stream()
                .map(k -> k.kind() == Constraint.Kind.CHECK && checks.containsKey(k.name())
                        ? new Constraint(k.name(), k.kind(), k.columns(), checks.get(k.name()), k.references()) : k)
                .toList(), table.indexes(), table.comment());
    }
}
