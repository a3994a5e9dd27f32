package dev.jpamigrate.render;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.change.ColumnChange;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.change.Hazards;
import dev.jpamigrate.schema.Constraint;
import dev.jpamigrate.schema.QualifiedName;
import dev.jpamigrate.schema.Sql;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One changeSet of a migration: its statements, its rollback, and whether it runs inside the file's transaction.
 * Normally each change is one step. With {@code online}, changes that would hold a strong lock on a busy table while
 * they scan it are planned as several short steps, each committed on its own (see {@link #plan}).
 */
public record Step(Change change, String comment, List<String> sql, List<String> rollback, boolean inTransaction,
                   Set<Hazard> hazards) {
    /** How long an online step waits for its lock before it gives up, instead of queueing every query behind it. */
    public static final String LOCK_TIMEOUT = "5s";

    public Step {
        sql = List.copyOf(sql);
        rollback = List.copyOf(rollback);
        hazards = hazards.isEmpty() ? EnumSet.noneOf(Hazard.class) : EnumSet.copyOf(hazards);
    }

    public static List<Step> plan(List<Change> changes, boolean online, RenderOptions options) {
        List<Step> steps = new ArrayList<>();
        Set<QualifiedName> created = changes.stream().filter(c -> c instanceof CreateTable)
                .map(c -> ((CreateTable) c).table().name()).collect(Collectors.toSet());
        for (Change change : changes) {
            Set<Hazard> hazards = Hazards.of(change, changes);
            QualifiedName table = Hazards.table(change);
            boolean existing = table != null && !created.contains(table) || change instanceof DropIndex;
            if (!online || !existing) {
                steps.add(new Step(change, Describer.describe(change), SqlRenderer.render(change, options),
                        SqlRenderer.render(change.inverse(), options), true, hazards));
                continue;
            }
            steps.addAll(onlineSteps(change, hazards, options));
        }
        return steps;
    }

    /**
     * The online plan of one change on an existing table. Ordering rules, each enforced here:
     * <ul>
     * <li>An index is built and dropped CONCURRENTLY, which PostgreSQL refuses inside a transaction block: the step
     * runs outside one, and first drops an invalid index a killed build may have left, so a rerun never fails.</li>
     * <li>A foreign key or check is added NOT VALID (a catalog update under a short lock), committed, and only then
     * validated in a step of its own, which scans without blocking writes.</li>
     * <li>A NOT NULL is proven first by a validated CHECK (col IS NOT NULL): SET NOT NULL then skips its scan under
     * the ACCESS EXCLUSIVE lock, and the CHECK is dropped in the same step.</li>
     * <li>Every step that locks the table starts with SET LOCAL lock_timeout, so it fails fast rather than queue
     * every other query of the table behind it.</li>
     * </ul>
     */
    private static List<Step> onlineSteps(Change change, Set<Hazard> hazards, RenderOptions options) {
        String timeout = "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'";
        if (change instanceof CreateIndex c) {
            String name = new QualifiedName(c.table().schema(), c.index().name()).sql();
            return List.of(new Step(change, Describer.describe(change) + " (concurrently)",
                    List.of("DROP INDEX CONCURRENTLY IF EXISTS " + name, concurrently(c.index().definition())),
                    List.of("DROP INDEX CONCURRENTLY IF EXISTS " + name), false, without(hazards, Hazard.BLOCKS_WRITES)));
        }
        if (change instanceof DropIndex c) {
            String name = new QualifiedName(c.table().schema(), c.index().name()).sql();
            return List.of(new Step(change, Describer.describe(change) + " (concurrently)",
                    List.of("DROP INDEX CONCURRENTLY IF EXISTS " + name),
                    List.of("DROP INDEX CONCURRENTLY IF EXISTS " + name, concurrently(c.index().definition())), false,
                    hazards));
        }
        if (change instanceof AddConstraint c && (c.constraint().kind() == Constraint.Kind.FOREIGN_KEY
                || c.constraint().kind() == Constraint.Kind.CHECK)) {
            String alter = "ALTER TABLE " + c.table().sql() + " ";
            String name = Sql.ident(c.constraint().name());
            return List.of(
                    new Step(change, Describer.describe(change) + " (NOT VALID: existing rows are checked next)",
                            List.of(timeout, alter + "ADD CONSTRAINT " + name + " " + c.constraint().definition() + " NOT VALID"),
                            List.of(timeout, alter + "DROP CONSTRAINT " + name), true, Set.of()),
                    new Step(change, "validate " + c.constraint().kind().words() + " " + c.constraint().name() + " on "
                            + c.table() + " (scans without blocking writes)",
                            List.of(alter + "VALIDATE CONSTRAINT " + name), List.of(), false,
                            EnumSet.of(Hazard.VALIDATES_ROWS)));
        }
        if (change instanceof AlterColumn c && c.setsNotNull() && c.changes().equals(EnumSet.of(ColumnChange.NOT_NULL))) {
            // only NULL-ability changes: the online path for NOT NULL leaves type, default and identity alone
            String alter = "ALTER TABLE " + c.table().sql() + " ";
            String check = Sql.ident(truncate(c.table().name() + "_" + c.to().name() + "_not_null"));
            String definition = "CHECK (" + Sql.ident(c.to().name()) + " IS NOT NULL)";
            List<String> set = new ArrayList<>(List.of(timeout));
            set.addAll(SqlRenderer.render(change, options));
            set.add(alter + "DROP CONSTRAINT " + check);
            List<String> unset = new ArrayList<>(List.of(timeout, alter + "ADD CONSTRAINT " + check + " " + definition
                    + " NOT VALID"));
            unset.addAll(SqlRenderer.render(change.inverse(), options));
            return List.of(
                    new Step(change, "prove " + c.table() + "." + c.to().name() + " NOT NULL with a check (NOT VALID)",
                            List.of(timeout, alter + "ADD CONSTRAINT " + check + " " + definition + " NOT VALID"),
                            List.of(timeout, alter + "DROP CONSTRAINT " + check), true, Set.of()),
                    new Step(change, "validate the check " + check + " (scans without blocking writes)",
                            List.of(alter + "VALIDATE CONSTRAINT " + check), List.of(), false,
                            EnumSet.of(Hazard.VALIDATES_ROWS)),
                    new Step(change, Describer.describe(change) + " (proven by the check: no scan)", set, unset, true,
                            Set.of()));
        }
        List<String> sql = new ArrayList<>(List.of(timeout));
        sql.addAll(SqlRenderer.render(change, options));
        List<String> rollback = new ArrayList<>(List.of(timeout));
        rollback.addAll(SqlRenderer.render(change.inverse(), options));
        return List.of(new Step(change, Describer.describe(change), sql, rollback, true, hazards));
    }

    private static String concurrently(String definition) {
        return definition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
    }

    private static Set<Hazard> without(Set<Hazard> hazards, Hazard gone) {
        Set<Hazard> left = hazards.isEmpty() ? EnumSet.noneOf(Hazard.class) : EnumSet.copyOf(hazards);
        left.remove(gone);
        return left;
    }

    private static String truncate(String name) {
        return name.length() <= 63 ? name : name.substring(0, 63);
    }
}
