package dev.jpamigrate.roundtrip;

import dev.jpamigrate.testing.RoundTrip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Columns of the common JPA types, in-place type changes, nullability, defaults and comments. */
class TablesAndColumnsRoundTripTest {

    private static final String ITEM = """
            @Entity @Table(name = "items")
            class Item {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
            %s}
            """;

    private static String item(String fields) {
        return ITEM.formatted(fields);
    }

    @Test
    void addsColumnsOfTheCommonJpaTypes() {
        String migration = RoundTrip.edit(item(""), item("""
                    UUID ref;
                    @Column(length = 40) String code;
                    @Column(columnDefinition = "text") String body;
                    Integer quantity;
                    Long total;
                    @Column(precision = 12, scale = 2) BigDecimal price;
                    Boolean active;
                    LocalDate born;
                    LocalDateTime seenAt;
                    Instant createdAt;
                    OffsetDateTime updatedAt;
                    @JdbcTypeCode(SqlTypes.JSON) Map<String, Object> metadata;
                    @JdbcTypeCode(SqlTypes.JSON) String settings;
                    byte[] avatar;
                """)).run().migration();
        String add = "ALTER TABLE public.items ADD COLUMN ";
        assertThat(migration)
                .contains(add + "ref uuid;")
                .contains(add + "code character varying(40);")
                .contains(add + "body text;")
                .contains(add + "quantity integer;")
                .contains(add + "total bigint;")
                .contains(add + "price numeric(12,2);")
                .contains(add + "active boolean;")
                .contains(add + "born date;")
                .contains(add + "seenat timestamp(6) without time zone;")
                .contains(add + "createdat timestamp(6) with time zone;")
                .contains(add + "updatedat timestamp(6) with time zone;")
                .contains(add + "metadata jsonb;")
                .contains(add + "settings jsonb;")
                .contains(add + "avatar bytea;")
                .contains("-- rollback ALTER TABLE public.items DROP COLUMN avatar;");
    }

    @Test
    void changesNumericPrecisionInPlace() {
        String migration = RoundTrip.edit(item("    @Column(precision = 10, scale = 2) BigDecimal price;\n"),
                item("    @Column(precision = 14, scale = 4) BigDecimal price;\n")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.items ALTER COLUMN price TYPE numeric(14,4);")
                .contains("-- rollback ALTER TABLE public.items ALTER COLUMN price TYPE numeric(10,2);")
                .doesNotContain("DROP COLUMN").doesNotContain("USING");
    }

    @Test
    void widensIntegerToBigintInPlace() {
        String migration = RoundTrip.edit(item("    @Column(nullable = false) Integer quantity;\n"),
                item("    @Column(nullable = false) Long quantity;\n")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.items ALTER COLUMN quantity TYPE bigint;")
                .contains("-- rollback ALTER TABLE public.items ALTER COLUMN quantity TYPE integer;")
                .doesNotContain("DROP COLUMN").doesNotContain("NOT NULL");
    }

    @Test
    void changesVarcharToTextInPlace() {
        String migration = RoundTrip.edit(item("    @Column(length = 200) String body;\n"),
                item("    @Column(columnDefinition = \"text\") String body;\n")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.items ALTER COLUMN body TYPE text;")
                .contains("-- rollback ALTER TABLE public.items ALTER COLUMN body TYPE character varying(200);")
                .doesNotContain("DROP COLUMN").doesNotContain("USING");
    }

    @Test
    void convertsTextToIntegerWithUsing() {
        RoundTrip.Outcome outcome = RoundTrip.edit(item("    @Column(columnDefinition = \"text\") String rank;\n"),
                item("    Integer rank;\n")).run();
        assertThat(outcome.createOutput())
                .contains("WARNING: alter column items.rank: type text -> integer: converts existing values");
        assertThat(outcome.migration())
                .contains("ALTER TABLE public.items ALTER COLUMN rank TYPE integer USING rank::integer;")
                .contains("-- rollback ALTER TABLE public.items ALTER COLUMN rank TYPE text;")
                .contains("CONVERTS_DATA")
                .doesNotContain("DROP COLUMN");
    }

    @Test
    void changesNullabilityBothWays() {
        String migration = RoundTrip.edit(
                item("    @Column(length = 50) String nickname;\n    @Column(nullable = false) Integer score;\n"),
                item("    @Column(length = 50, nullable = false) String nickname;\n    Integer score;\n"))
                .run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.items ALTER COLUMN nickname SET NOT NULL;")
                .contains("-- rollback ALTER TABLE public.items ALTER COLUMN nickname DROP NOT NULL;")
                .contains("ALTER TABLE public.items ALTER COLUMN score DROP NOT NULL;")
                .contains("-- rollback ALTER TABLE public.items ALTER COLUMN score SET NOT NULL;");
    }

    @Test
    void addsChangesAndRemovesColumnDefaults() {
        String migration = RoundTrip.edit(item("""
                    Integer priority;
                    @ColumnDefault("'draft'") @Column(length = 20) String state;
                    @ColumnDefault("now()") Instant createdAt;
                """), item("""
                    @ColumnDefault("5") Integer priority;
                    @ColumnDefault("'open'") @Column(length = 20) String state;
                    Instant createdAt;
                """)).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.items ALTER COLUMN priority SET DEFAULT 5;")
                .contains("-- rollback ALTER TABLE public.items ALTER COLUMN priority DROP DEFAULT;")
                .contains("ALTER TABLE public.items ALTER COLUMN state SET DEFAULT 'open'::character varying;")
                .contains("-- rollback ALTER TABLE public.items ALTER COLUMN state SET DEFAULT 'draft'::character varying;")
                .contains("ALTER TABLE public.items ALTER COLUMN createdat DROP DEFAULT;")
                .contains("-- rollback ALTER TABLE public.items ALTER COLUMN createdat SET DEFAULT now();");
    }

    @Test
    void addsColumnWithDefaultFromColumnDefinition() {
        String migration = RoundTrip.edit(item(""),
                item("    @Column(columnDefinition = \"varchar(20) default 'x' not null\") String kind;\n"))
                .run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.items ADD COLUMN kind character varying(20)"
                        + " DEFAULT 'x'::character varying NOT NULL;")
                .contains("-- rollback ALTER TABLE public.items DROP COLUMN kind;");
    }

    @Test
    void addsTableAndColumnComments() {
        String migration = RoundTrip.edit(item("    @Column(length = 20) String code;\n"), """
                @Entity @Table(name = "items") @Comment("Things we sell")
                class Item {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Comment("Stock keeping unit, it's unique per shop") @Column(length = 20) String code;
                }
                """).run().migration();
        assertThat(migration)
                .contains("COMMENT ON TABLE public.items IS 'Things we sell';")
                .contains("-- rollback COMMENT ON TABLE public.items IS NULL;")
                .contains("COMMENT ON COLUMN public.items.code IS 'Stock keeping unit, it''s unique per shop';")
                .contains("-- rollback COMMENT ON COLUMN public.items.code IS NULL;");
    }

    @Test
    void changesTableAndColumnComments() {
        String migration = RoundTrip.edit("""
                @Entity @Table(name = "items") @Comment("old table")
                class Item {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Comment("old column") @Column(length = 20) String code;
                }
                """, """
                @Entity @Table(name = "items") @Comment("new table")
                class Item {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Comment("new column") @Column(length = 20) String code;
                }
                """).run().migration();
        assertThat(migration)
                .contains("COMMENT ON TABLE public.items IS 'new table';")
                .contains("-- rollback COMMENT ON TABLE public.items IS 'old table';")
                .contains("COMMENT ON COLUMN public.items.code IS 'new column';")
                .contains("-- rollback COMMENT ON COLUMN public.items.code IS 'old column';");
    }

    @Test
    void addsArrayAndJsonbColumnsWithDefaults() {
        String migration = RoundTrip.edit(item(""), item("""
                    @JdbcTypeCode(SqlTypes.ARRAY) @Column(length = 30) String[] tags;
                    @JdbcTypeCode(SqlTypes.ARRAY) @Column(columnDefinition = "text[] default '{}'::text[] not null")
                    List<String> labels;
                    @JdbcTypeCode(SqlTypes.JSON) @ColumnDefault("'{}'") Map<String, Object> meta;
                """)).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.items ADD COLUMN tags character varying(30)[];")
                .contains("ALTER TABLE public.items ADD COLUMN labels text[] DEFAULT '{}'::text[] NOT NULL;")
                .contains("ALTER TABLE public.items ADD COLUMN meta jsonb DEFAULT '{}'::jsonb;");
    }

    @Test
    void changesGeneratedColumnExpressionByRecreatingIt() {
        String generated = "    @Column(length = 64) String token;\n"
                + "    @Column(columnDefinition = \"integer generated always as (%s) stored\", insertable = false,"
                + " updatable = false) Integer tokenLength;\n";
        String migration = RoundTrip.edit(item(generated.formatted("length(token)")),
                item(generated.formatted("octet_length(token)"))).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.items DROP COLUMN tokenlength;")
                .contains("ALTER TABLE public.items ADD COLUMN tokenlength integer GENERATED ALWAYS AS"
                        + " (octet_length((token)::text)) STORED;")
                .contains("-- rollback ALTER TABLE public.items ADD COLUMN tokenlength integer GENERATED ALWAYS AS"
                        + " (length((token)::text)) STORED;");
    }

    @Test
    void addsColumnsOfTheLessCommonJpaTypes() {
        String migration = RoundTrip.edit("enum Level { LOW, HIGH }\n" + item(""), "enum Level { LOW, HIGH }\n" + item("""
                    LocalTime opensAt;
                    Double ratio;
                    Float weight;
                    Short rank;
                    Character grade;
                    @Enumerated(EnumType.ORDINAL) Level level;
                """)).run().migration();
        String add = "ALTER TABLE public.items ADD COLUMN ";
        assertThat(migration)
                .contains(add + "opensat time(6) without time zone;")
                .contains(add + "ratio double precision;")
                .contains(add + "weight real;")
                .contains(add + "rank smallint;")
                .contains(add + "grade character(1);")
                .contains(add + "level smallint;")
                .contains("ADD CONSTRAINT items_level_check CHECK (((level >= 0) AND (level <= 1)));");
    }

    @Test
    void multiLineCommentsSurvive() {
        String migration = RoundTrip.edit(item("    @Comment(\"old\\n  note\") @Column(length = 20) String code;\n"), """
                @Entity @Table(name = "items") @Comment("Things we sell.\\nOne row per article; see the catalogue")
                class Item {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Comment("first line\\nsecond line") @Column(length = 20) String code;
                }
                """).run().migration();
        assertThat(migration)
                .contains("COMMENT ON TABLE public.items IS 'Things we sell.\nOne row per article; see the catalogue';")
                .contains("COMMENT ON COLUMN public.items.code IS 'first line\nsecond line';")
                .contains("-- rollback COMMENT ON COLUMN public.items.code IS 'old\n-- rollback   note';");
    }
}
