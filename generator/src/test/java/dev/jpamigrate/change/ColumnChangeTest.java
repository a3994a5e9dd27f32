package dev.jpamigrate.change;

import dev.jpamigrate.change.Change.AlterColumn;
import dev.jpamigrate.diff.SchemaDiff;
import dev.jpamigrate.schema.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.jpamigrate.change.ColumnChange.*;
import static org.assertj.core.api.Assertions.assertThat;

/** What changed on a column: computed once by the diff, stored on the change, the same on its inverse. Pure. */
class ColumnChangeTest {
    private static final QualifiedName ITEMS = new QualifiedName("public", "items");
    private static final Identity BY_DEFAULT = new Identity(false, 1, 1, 1, Long.MAX_VALUE, 1, false);
    private static final Column N = new Column("n", "integer", "N", false, null, null, null, null);

    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("type", N.withType("bigint", "N"), EnumSet.of(TYPE)),
                Arguments.of("nullability", new Column("n", "integer", "N", true, null, null, null, null),
                        EnumSet.of(NOT_NULL)),
                Arguments.of("default", N.withDefault("0"), EnumSet.of(DEFAULT)),
                Arguments.of("identity, which needs NOT NULL", new Column("n", "integer", "N", true, null, BY_DEFAULT,
                        null, null), EnumSet.of(NOT_NULL, IDENTITY)),
                Arguments.of("comment", new Column("n", "integer", "N", false, null, null, null, "count"),
                        EnumSet.of(COMMENT)),
                Arguments.of("type and default together", N.withType("bigint", "N").withDefault("0"),
                        EnumSet.of(TYPE, DEFAULT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void theDiffStoresWhatChangedAndTheInverseCarriesTheSame(String why, Column to, Set<ColumnChange> flags) {
        Schema before = Schema.empty().withTables(List.of(new Table(ITEMS, List.of(N), List.of(), List.of(), null)));
        Schema after = Schema.empty().withTables(List.of(new Table(ITEMS, List.of(to), List.of(), List.of(), null)));

        AlterColumn alter = (AlterColumn) SchemaDiff.diff(before, after).get(0);

        assertThat(alter.changes()).as(why).isEqualTo(flags);
        assertThat(ColumnChange.between(N, to)).as(why).isEqualTo(flags);
        assertThat(((AlterColumn) alter.inverse()).changes()).as(why).isEqualTo(flags);
    }

    @Test
    void aGenerationExpressionIsAFlagTooAndAnEqualColumnHasNone() {
        Column generated = new Column("n", "integer", "N", false, null, null, "1", null);
        assertThat(ColumnChange.between(N, generated)).containsExactly(GENERATED);
        assertThat(ColumnChange.between(N, N)).isEmpty();
    }
}
