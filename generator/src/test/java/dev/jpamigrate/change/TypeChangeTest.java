package dev.jpamigrate.change;

import dev.jpamigrate.change.Change.AlterColumn;
import dev.jpamigrate.schema.Column;
import dev.jpamigrate.schema.QualifiedName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Widening is quiet; narrowing and conversions are flagged, so the warnings mean something. */
class TypeChangeTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            character varying(500)          | character varying(1000)        | LOSSLESS
            character varying(500)          | text                           | LOSSLESS
            character varying(10)[]         | character varying(20)[]        | LOSSLESS
            numeric(10,2)                   | numeric(12,2)                  | LOSSLESS
            numeric(10,2)                   | numeric                        | LOSSLESS
            timestamp(3) without time zone  | timestamp(6) without time zone | LOSSLESS
            timestamp(3) without time zone  | timestamp without time zone    | LOSSLESS
            time(0) with time zone          | time(3) with time zone         | LOSSLESS
            numeric(10,2)                   | numeric(12,3)                  | LOSSLESS_REWRITE
            integer                         | bigint                         | LOSSLESS_REWRITE
            smallint[]                      | integer[]                      | LOSSLESS_REWRITE
            integer                         | numeric(12,2)                  | LOSSLESS_REWRITE
            real                            | double precision               | LOSSLESS_REWRITE
            date                            | timestamp without time zone    | LOSSLESS_REWRITE
            character(2)                    | character(5)                   | LOSSLESS_REWRITE
            timestamp without time zone     | timestamp with time zone       | REINTERPRETS
            timestamp with time zone        | timestamp without time zone    | REINTERPRETS
            character varying(1000)         | character varying(500)         | CONVERTING
            character varying(20)[]         | character varying(10)[]        | CONVERTING
            text                            | character varying(20)          | CONVERTING
            numeric(10,2)                   | numeric(10,1)                  | NARROWS
            numeric(12,2)                   | numeric(10,0)                  | NARROWS
            numeric                         | numeric(20,4)                  | NARROWS
            integer                         | numeric(10,2)                  | CONVERTING
            bigint                          | integer                        | CONVERTING
            double precision                | real                           | NARROWS
            text                            | integer                        | CONVERTING
            timestamp with time zone        | date                           | NARROWS
            timestamp(6) without time zone  | timestamp(3) without time zone | NARROWS
            uuid                            | text                           | CONVERTING
            numeric(12,2)                   | numeric(11,2)                  | CONVERTING
            """)
    void classifiesOverTypedTypes(String from, String to, TypeChange expected) {
        assertThat(TypeChange.of(from, to)).isEqualTo(expected);
    }

    @Test
    void aWideningWarnsOnlyOnItsRollback() {
        Column narrow = new Column("name", "character varying(50)", "S", false, null, null, null, null);
        AlterColumn widen = new AlterColumn(new QualifiedName("public", "t"), narrow,
                narrow.withType("character varying(100)", "S"));
        assertThat(widen.hazards()).isEmpty();
        assertThat(widen.inverse().hazards()).contains(Hazard.CONVERTS_DATA);
    }

    @Test
    void aTimeZoneSwitchSaysTheValuesAreReadInAZone() {
        Column local = new Column("at", "timestamp(6) without time zone", "D", false, null, null, null, null);
        AlterColumn zoned = new AlterColumn(new QualifiedName("public", "t"), local,
                local.withType("timestamp(6) with time zone", "D"));
        assertThat(zoned.hazards()).containsExactlyInAnyOrder(Hazard.REINTERPRETS_TIMES, Hazard.REWRITES_TABLE,
                Hazard.LOCKS_TABLE);
        assertThat(Hazard.REINTERPRETS_TIMES.words("Europe/Paris"))
                .isEqualTo("reinterprets stored date-times in time zone Europe/Paris");
        assertThat(Hazard.REWRITES_TABLE.words("Europe/Paris")).as("only the time zone hazard names a zone")
                .isEqualTo("rewrites the table");
    }
}
