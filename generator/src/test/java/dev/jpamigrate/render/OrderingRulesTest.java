package dev.jpamigrate.render;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.change.Phase;
import dev.jpamigrate.schema.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.jpamigrate.testing.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ordering rules of a migration, table-driven and without a database: which phase goes before which
 * ({@link Phase}), and how the online plan splits a change into steps ({@link Step#plan}).
 */
class OrderingRulesTest {
    private static final Column NAME = new Column("name", "text", "S", false, null, null, null, null);
    private static final Column NAME_NOT_NULL = new Column("name", "text", "S", true, null, null, null, null);
    private static final Table TEAMS_TABLE = new Table(TEAMS, List.of(new Column("id", "bigint", "N", true, null, null,
            null, null)), List.of(), List.of(), null);
    private static final Sequence SEQUENCE = new Sequence(new QualifiedName("public", "items_seq"), "bigint", 1, 1, 1,
            Long.MAX_VALUE, 1, false, null);
    private static final EnumType STATUS_TYPE = new EnumType(STATUS, List.of("open"));

    static Stream<Arguments> before() {
        return Stream.of(
                Arguments.of("a user's rename first: the rest is computed against the renamed objects",
                        new RenameTable(TEAMS, new QualifiedName("public", "squads")), new DropConstraint(ITEMS, FK)),
                Arguments.of("a foreign key goes before the index or key it needs",
                        new DropConstraint(ITEMS, FK), new DropIndex(ITEMS, BY_NAME)),
                Arguments.of("an index goes before the column it is on", new DropIndex(ITEMS, BY_NAME),
                        new DropColumn(ITEMS, NAME)),
                Arguments.of("a default is dropped before an enum loses the label it names",
                        new AlterColumn(ITEMS, NAME.withDefault("'a'::text"), NAME), new AlterEnum(STATUS,
                                List.of("open", "closed"), List.of("open"), List.of())),
                Arguments.of("a sequence is released before its owning table is dropped",
                        new SetSequenceOwner(SEQUENCE.name(), new ColumnRef(ITEMS, "id"), null), new DropTable(TEAMS_TABLE)),
                Arguments.of("a schema before the extension in it", new CreateSchema("ext"),
                        new CreateExtension(new Extension("citext", "ext"))),
                Arguments.of("an extension before the types that may use it",
                        new CreateExtension(new Extension("citext", "public")), new CreateEnum(STATUS_TYPE)),
                Arguments.of("a type before the table that uses it", new CreateEnum(STATUS_TYPE),
                        new CreateTable(TEAMS_TABLE)),
                Arguments.of("a sequence before the table whose default names it", new CreateSequence(SEQUENCE),
                        new CreateTable(TEAMS_TABLE)),
                Arguments.of("a table before its columns are added elsewhere", new CreateTable(TEAMS_TABLE),
                        new AddColumn(ITEMS, NAME)),
                Arguments.of("a column before the constraint on it", new AddColumn(ITEMS, NAME),
                        new AddConstraint(ITEMS, CHECK)),
                Arguments.of("other constraints (a unique or primary key a foreign key may need) before foreign keys",
                        new AddConstraint(ITEMS, CHECK), new AddConstraint(ITEMS, FK)),
                Arguments.of("an index before the foreign key that may need it", new CreateIndex(ITEMS, BY_NAME),
                        new AddConstraint(ITEMS, FK)),
                Arguments.of("a sequence is owned once its table exists", new CreateTable(TEAMS_TABLE),
                        new SetSequenceOwner(SEQUENCE.name(), null, new ColumnRef(TEAMS, "id"))),
                Arguments.of("a sequence is dropped after the tables whose defaults name it",
                        new DropTable(TEAMS_TABLE), new DropSequence(SEQUENCE)),
                Arguments.of("a type is dropped after the columns that use it", new DropColumn(ITEMS, NAME),
                        new DropEnum(STATUS_TYPE)),
                Arguments.of("an extension is dropped after the types that may use it", new DropEnum(STATUS_TYPE),
                        new DropExtension(new Extension("citext", "public"))),
                Arguments.of("a schema is dropped last, once empty", new DropExtension(new Extension("citext", "ext")),
                        new DropSchema("ext")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("before")
    void thisChangeRunsBeforeThatOne(String why, Change first, Change second) {
        assertThat(first.phase()).as(why).isLessThan(second.phase());
    }

    private static Step only(List<Step> steps) {
        assertThat(steps).hasSize(1);
        return steps.get(0);
    }

    @Test
    void onlineAnIndexIsBuiltConcurrentlyOutsideATransactionAfterDroppingAnInvalidLeftover() {
        Step step = only(Step.plan(List.of(new CreateIndex(ITEMS, BY_NAME)), true, RenderOptions.DEFAULT));

        assertThat(step.inTransaction()).isFalse();
        assertThat(step.sql()).containsExactly("DROP INDEX CONCURRENTLY IF EXISTS public.idx_items_name",
                "CREATE INDEX CONCURRENTLY idx_items_name ON public.items USING btree (name)");
        assertThat(step.rollback()).containsExactly("DROP INDEX CONCURRENTLY IF EXISTS public.idx_items_name");
        assertThat(step.hazards()).doesNotContain(Hazard.BLOCKS_WRITES);
    }

    @Test
    void onlineAForeignKeyIsAddedNotValidThenValidatedInAStepOfItsOwn() {
        List<Step> steps = Step.plan(List.of(new AddConstraint(ITEMS, FK)), true, RenderOptions.DEFAULT);

        assertThat(steps).extracting(Step::sql).containsExactly(
                List.of("SET LOCAL lock_timeout = '5s'",
                        "ALTER TABLE public.items ADD CONSTRAINT fk_items_team " + FK.definition() + " NOT VALID"),
                List.of("ALTER TABLE public.items VALIDATE CONSTRAINT fk_items_team"));
        assertThat(steps).extracting(Step::inTransaction).containsExactly(true, false);
    }

    @Test
    void onlineANotNullIsProvenByAValidatedCheckFirst() {
        List<Step> steps = Step.plan(List.of(new AlterColumn(ITEMS, NAME, NAME_NOT_NULL)), true, RenderOptions.DEFAULT);

        assertThat(steps).extracting(Step::sql).containsExactly(
                List.of("SET LOCAL lock_timeout = '5s'", "ALTER TABLE public.items ADD CONSTRAINT items_name_not_null"
                        + " CHECK (name IS NOT NULL) NOT VALID"),
                List.of("ALTER TABLE public.items VALIDATE CONSTRAINT items_name_not_null"),
                List.of("SET LOCAL lock_timeout = '5s'", "ALTER TABLE public.items ALTER COLUMN name SET NOT NULL",
                        "ALTER TABLE public.items DROP CONSTRAINT items_name_not_null"));
    }

    @Test
    void onlineANotNullWithAnotherChangeOnTheColumnIsOneLockedStep() {
        Column typed = new Column("name", "character varying(20)", "S", true, null, null, null, null);
        Step step = only(Step.plan(List.of(new AlterColumn(ITEMS, NAME, typed)), true, RenderOptions.DEFAULT));

        assertThat(step.sql()).containsExactly("SET LOCAL lock_timeout = '5s'",
                "ALTER TABLE public.items ALTER COLUMN name TYPE character varying(20)",
                "ALTER TABLE public.items ALTER COLUMN name SET NOT NULL");
    }

    @Test
    void onATableTheMigrationCreatesNothingIsSplitAndNothingWaitsForRows() {
        Table items = new Table(ITEMS, List.of(NAME), List.of(), List.of(), null);
        List<Step> steps = Step.plan(List.of(new CreateTable(items), new CreateIndex(ITEMS, BY_NAME)), true,
                RenderOptions.DEFAULT);

        assertThat(steps).extracting(Step::inTransaction).containsExactly(true, true);
        assertThat(steps.get(1).sql()).containsExactly(BY_NAME.definition());
        assertThat(steps.get(1).hazards()).isEmpty();
    }
}
