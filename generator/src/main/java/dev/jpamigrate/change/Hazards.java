package dev.jpamigrate.change;

import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.schema.QualifiedName;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hazards of a change within its migration. A table the migration itself creates has no rows yet, so what only
 * matters for existing rows (validation, rewrites, locks) does not apply to it.
 */
public final class Hazards {
    private static final Set<Hazard> ON_EXISTING_ROWS = EnumSet.of(Hazard.VALIDATES_ROWS, Hazard.REWRITES_TABLE,
            Hazard.LOCKS_TABLE, Hazard.BLOCKS_WRITES);

    private Hazards() {
    }

    public static Set<Hazard> of(Change change, List<Change> migration) {
        Set<Hazard> hazards = change.hazards().isEmpty() ? EnumSet.noneOf(Hazard.class) : EnumSet.copyOf(change.hazards());
        QualifiedName table = table(change);
        if (table != null && created(migration).contains(table)) {
            hazards.removeAll(ON_EXISTING_ROWS);
        }
        return hazards;
    }

    private static Set<QualifiedName> created(List<Change> migration) {
        return migration.stream().filter(c -> c instanceof CreateTable).map(c -> ((CreateTable) c).table().name())
                .collect(Collectors.toSet());
    }

    /** The existing table a change works on, when it works on one. */
    public static QualifiedName table(Change change) {
        if (change instanceof AddColumn c) {
            return c.table();
        }
        if (change instanceof AlterColumn c) {
            return c.table();
        }
        if (change instanceof AddConstraint c) {
            return c.table();
        }
        if (change instanceof CreateIndex c) {
            return c.table();
        }
        return null;
    }
}
