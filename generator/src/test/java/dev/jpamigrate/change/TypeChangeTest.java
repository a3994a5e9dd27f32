package dev.jpamigrate.change;

import dev.jpamigrate.change.Change.AlterColumn;
import dev.jpamigrate.schema.Column;
import dev.jpamigrate.schema.QualifiedName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Widening is quiet; narrowing and conversions are flagged, so the warnings mean something. */
class TypeChangeTest {

    @Test
    void wideningKeepsEveryValue() {
        assertThat(TypeChange.of("character varying(500)", "character varying(1000)")).isEqualTo(TypeChange.LOSSLESS);
        assertThat(TypeChange.of("character varying(500)", "text")).isEqualTo(TypeChange.LOSSLESS);
        assertThat(TypeChange.of("numeric(10,2)", "numeric(12,2)")).isEqualTo(TypeChange.LOSSLESS);
        assertThat(TypeChange.of("integer", "bigint")).isEqualTo(TypeChange.LOSSLESS_REWRITE);
    }

    @Test
    void narrowingAndConversionsConvert() {
        assertThat(TypeChange.of("character varying(1000)", "character varying(500)")).isEqualTo(TypeChange.CONVERTING);
        assertThat(TypeChange.of("text", "character varying(20)")).isEqualTo(TypeChange.CONVERTING);
        assertThat(TypeChange.of("numeric(10,2)", "numeric(10,1)")).isEqualTo(TypeChange.CONVERTING);
        assertThat(TypeChange.of("bigint", "integer")).isEqualTo(TypeChange.CONVERTING);
        assertThat(TypeChange.of("text", "integer")).isEqualTo(TypeChange.CONVERTING);
    }

    @Test
    void aWideningWarnsOnlyOnItsRollback() {
        Column narrow = new Column("name", "character varying(50)", "S", false, null, null, null, null);
        AlterColumn widen = new AlterColumn(new QualifiedName("public", "t"), narrow,
                narrow.withType("character varying(100)", "S"));
        assertThat(widen.hazards()).isEmpty();
        assertThat(widen.inverse().hazards()).contains(Hazard.CONVERTS_DATA);
    }
}
