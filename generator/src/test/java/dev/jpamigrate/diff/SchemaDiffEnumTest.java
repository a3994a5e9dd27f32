package dev.jpamigrate.diff;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.schema.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How the diff orders what surrounds an enum type whose labels change. Pure: no database. */
class SchemaDiffEnumTest {
    private static final QualifiedName STATUS = new QualifiedName("public", "status");
    private static final QualifiedName TICKETS = new QualifiedName("public", "tickets");

    private static Schema schema(List<String> labels, String statusDefault, List<Constraint> constraints) {
        Column id = new Column("id", "uuid", "U", true, null, null, null, null);
        Column status = new Column("status", "public.status", "E", true, statusDefault, null, null, null);
        Table tickets = new Table(TICKETS, List.of(id, status), constraints, List.of(), null);
        return new Schema(List.of(), List.of(), List.of(new EnumType(STATUS, labels)), List.of(), List.of(tickets));
    }

    @Test
    void aDefaultNamingARemovedLabelIsDroppedBeforeTheRebuildAndTheNewOneSetAfter() {
        Schema from = schema(List.of("open", "pending", "closed"), "'pending'::public.status", List.of());
        Schema to = schema(List.of("open", "closed"), "'open'::public.status", List.of());

        List<Change> changes = SchemaDiff.diff(from, to);

        assertThat(changes).hasSize(3);
        assertThat(changes.get(0)).isInstanceOf(AlterColumn.class);
        assertThat(((AlterColumn) changes.get(0)).onlyDropsDefault()).isTrue();
        AlterEnum alter = (AlterEnum) changes.get(1);
        assertThat(alter.usages()).singleElement()
                .satisfies(u -> assertThat(u.defaultExpr()).as("dropped already").isNull());
        AlterColumn setDefault = (AlterColumn) changes.get(2);
        assertThat(setDefault.from().defaultExpr()).isNull();
        assertThat(setDefault.to().defaultExpr()).isEqualTo("'open'::public.status");
    }

    @Test
    void anUnchangedDefaultIsCarriedThroughTheRebuild() {
        Schema from = schema(List.of("open", "pending", "closed"), "'open'::public.status", List.of());
        Schema to = schema(List.of("open", "closed"), "'open'::public.status", List.of());

        assertThat(SchemaDiff.diff(from, to)).singleElement().isInstanceOfSatisfying(AlterEnum.class,
                a -> assertThat(a.usages().get(0).defaultExpr()).isEqualTo("'open'::public.status"));
    }

    @Test
    void aCheckThatNamesTheTypeIsDroppedAndAddedAroundTheRebuild() {
        Constraint namesType = new Constraint("ck_closed", Constraint.Kind.CHECK, List.of("status"),
                "CHECK ((status <> 'closed'::public.status))", null);
        Constraint plain = new Constraint("ck_set", Constraint.Kind.CHECK, List.of("status"),
                "CHECK ((status IS NOT NULL))", null);
        Schema from = schema(List.of("open", "pending", "closed"), null, List.of(namesType, plain));
        Schema to = schema(List.of("open", "closed"), null, List.of(namesType, plain));

        List<Change> changes = SchemaDiff.diff(from, to);

        assertThat(changes).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("DropConstraint", "AlterEnum", "AddConstraint");
        assertThat(((DropConstraint) changes.get(0)).constraint()).isEqualTo(namesType);
    }

    @Test
    void typeMentionsMatchWholeNamesOnly() {
        assertThat(SchemaDiff.mentionsAny("(status = 'a'::public.status)", Set.of("public.status"))).isTrue();
        assertThat(SchemaDiff.mentionsAny("(s = 'a'::public.status_old)", Set.of("public.status"))).isFalse();
        assertThat(SchemaDiff.mentionsAny("(s = 'a'::public.status[])", Set.of("public.status"))).isTrue();
        assertThat(SchemaDiff.mentionsAny("(s = 'a'::text)", Set.of("public.status"))).isFalse();
    }
}
