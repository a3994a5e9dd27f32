package dev.jpamigrate.roundtrip;

import dev.jpamigrate.testing.RoundTrip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL named enum types mapped with {@code @JdbcTypeCode(SqlTypes.NAMED_ENUM)}. */
class EnumRoundTripTest {

    private static String ticket(String constants, String column) {
        return """
                enum Status { %s }
                @Entity @Table(name = "tickets")
                class Ticket {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                %s}
                """.formatted(constants, column);
    }

    private static final String STATUS = "    @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM)"
            + " @Column(columnDefinition = \"ticket_status\") Status status;\n";
    private static final String STATUS_WITH_DEFAULT = "    @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM)"
            + " @ColumnDefault(\"'OPEN'\") @Column(columnDefinition = \"ticket_status\", nullable = false) Status status;\n";

    @Test
    void createsTypeWithValuesInDeclarationOrder() {
        String migration = RoundTrip.edit(ticket("OPEN", ""), ticket("OPEN, IN_PROGRESS, CLOSED", STATUS)).run().migration();
        assertThat(migration)
                .contains("CREATE TYPE public.ticket_status AS ENUM ('OPEN', 'IN_PROGRESS', 'CLOSED');")
                .contains("-- rollback DROP TYPE public.ticket_status;")
                .contains("ALTER TABLE public.tickets ADD COLUMN status public.ticket_status;")
                .doesNotContain("CREATE CAST").doesNotContain("status_old");
        assertThat(migration.indexOf("CREATE TYPE")).isLessThan(migration.indexOf("ADD COLUMN"));
    }

    @Test
    void addsValueInTheMiddleAfterItsPredecessor() {
        String migration = RoundTrip.edit(ticket("OPEN, CLOSED", STATUS), ticket("OPEN, IN_PROGRESS, CLOSED", STATUS))
                .run().migration();
        assertThat(migration)
                .contains("ALTER TYPE public.ticket_status ADD VALUE 'IN_PROGRESS' AFTER 'OPEN';")
                // a label cannot be removed in place, so the rollback rebuilds the type
                .contains("-- rollback ALTER TYPE public.ticket_status RENAME TO ticket_status_old;")
                .contains("-- rollback CREATE TYPE public.ticket_status AS ENUM ('OPEN', 'CLOSED');")
                .contains("-- rollback ALTER TABLE public.tickets ALTER COLUMN status TYPE public.ticket_status"
                        + " USING status::text::public.ticket_status;")
                .contains("-- rollback DROP TYPE public.ticket_status_old;");
    }

    @Test
    void addsValueFirstBeforeTheOldFirst() {
        String migration = RoundTrip.edit(ticket("OPEN, CLOSED", STATUS), ticket("DRAFT, OPEN, CLOSED", STATUS))
                .run().migration();
        assertThat(migration).contains("ALTER TYPE public.ticket_status ADD VALUE 'DRAFT' BEFORE 'OPEN';");
    }

    @Test
    void removesValueByRebuildingTheTypeAndKeepsTheDefault() {
        String migration = RoundTrip.edit(ticket("OPEN, IN_PROGRESS, CLOSED", STATUS_WITH_DEFAULT),
                ticket("OPEN, CLOSED", STATUS_WITH_DEFAULT)).run().migration();
        assertThat(migration)
                .contains("ALTER TYPE public.ticket_status RENAME TO ticket_status_old;")
                .contains("CREATE TYPE public.ticket_status AS ENUM ('OPEN', 'CLOSED');")
                .contains("ALTER TABLE public.tickets ALTER COLUMN status DROP DEFAULT;")
                .contains("ALTER TABLE public.tickets ALTER COLUMN status TYPE public.ticket_status"
                        + " USING status::text::public.ticket_status;")
                .contains("ALTER TABLE public.tickets ALTER COLUMN status SET DEFAULT 'OPEN'::public.ticket_status;")
                .contains("DROP TYPE public.ticket_status_old;")
                .contains("VALIDATES_ROWS")
                .contains("-- rollback ALTER TYPE public.ticket_status ADD VALUE 'IN_PROGRESS' AFTER 'OPEN';");
    }

    @Test
    void reordersValuesByRebuildingTheType() {
        String migration = RoundTrip.edit(ticket("OPEN, CLOSED", STATUS), ticket("CLOSED, OPEN", STATUS)).run().migration();
        assertThat(migration)
                .contains("CREATE TYPE public.ticket_status AS ENUM ('CLOSED', 'OPEN');")
                .contains("-- rollback CREATE TYPE public.ticket_status AS ENUM ('OPEN', 'CLOSED');");
    }

    @Test
    void dropsTheTypeWhenNoColumnUsesIt() {
        String migration = RoundTrip.edit(ticket("OPEN, CLOSED", STATUS_WITH_DEFAULT), ticket("OPEN, CLOSED", ""))
                .run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.tickets DROP COLUMN status;")
                .contains("DROP TYPE public.ticket_status;")
                .contains("-- rollback CREATE TYPE public.ticket_status AS ENUM ('OPEN', 'CLOSED');")
                .contains("-- rollback ALTER TABLE public.tickets ADD COLUMN status public.ticket_status"
                        + " DEFAULT 'OPEN'::public.ticket_status NOT NULL;");
        assertThat(migration.indexOf("DROP TYPE")).isGreaterThan(migration.indexOf("DROP COLUMN"));
    }

    @Test
    void changesTheEnumDefaultWhileAddingAValue() {
        String before = ticket("OPEN, CLOSED", STATUS_WITH_DEFAULT);
        String after = ticket("DRAFT, OPEN, CLOSED", STATUS_WITH_DEFAULT.replace("'OPEN'", "'DRAFT'"));
        String migration = RoundTrip.edit(before, after).run().migration();
        assertThat(migration)
                .contains("ALTER TYPE public.ticket_status ADD VALUE 'DRAFT' BEFORE 'OPEN';")
                .contains("ALTER TABLE public.tickets ALTER COLUMN status SET DEFAULT 'DRAFT'::public.ticket_status;")
                .contains("-- rollback ALTER TABLE public.tickets ALTER COLUMN status SET DEFAULT 'OPEN'::public.ticket_status;");
        assertThat(migration.indexOf("ADD VALUE")).isLessThan(migration.indexOf("SET DEFAULT 'DRAFT'"));
    }

    @Test
    void removesTheValueThatWasTheDefault() {
        String before = ticket("OPEN, IN_PROGRESS, CLOSED", STATUS_WITH_DEFAULT.replace("'OPEN'", "'IN_PROGRESS'"));
        String after = ticket("OPEN, CLOSED", STATUS_WITH_DEFAULT);
        String migration = RoundTrip.edit(before, after).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.tickets ALTER COLUMN status DROP DEFAULT;\n"
                        + "-- rollback ALTER TABLE public.tickets ALTER COLUMN status SET DEFAULT 'IN_PROGRESS'::public.ticket_status;")
                .contains("CREATE TYPE public.ticket_status AS ENUM ('OPEN', 'CLOSED');")
                .contains("ALTER TABLE public.tickets ALTER COLUMN status SET DEFAULT 'OPEN'::public.ticket_status;\n"
                        + "-- rollback ALTER TABLE public.tickets ALTER COLUMN status DROP DEFAULT;")
                .contains("-- rollback ALTER TYPE public.ticket_status ADD VALUE 'IN_PROGRESS' AFTER 'OPEN';");
        assertThat(migration.indexOf("DROP DEFAULT;")).isLessThan(migration.indexOf("RENAME TO ticket_status_old"));
        assertThat(migration.indexOf("SET DEFAULT 'OPEN'")).isGreaterThan(migration.indexOf("DROP TYPE public.ticket_status_old"));
    }

    @Test
    void createsTypeInANonDefaultSchema() {
        String before = """
                @Entity @Table(name = "tickets", schema = "app")
                class Ticket {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                }
                """;
        String after = """
                enum Status { OPEN, CLOSED }
                @Entity @Table(name = "tickets", schema = "app")
                class Ticket {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM)
                    @Column(columnDefinition = "app.ticket_status") Status status;
                }
                """;
        String migration = RoundTrip.edit(before, after).run().migration();
        assertThat(migration)
                .contains("CREATE TYPE app.ticket_status AS ENUM ('OPEN', 'CLOSED');")
                .contains("ALTER TABLE app.tickets ADD COLUMN status app.ticket_status;")
                .contains("-- rollback DROP TYPE app.ticket_status;");
    }

    @Test
    void checkNamingTheTypeSurvivesARebuild() {
        String model = """
                enum Status { %s }
                @Entity @Table(name = "tickets")
                @Check(name = "ck_closed_has_note", constraints = "status <> 'CLOSED' or note is not null")
                class Ticket {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM)
                    @Column(columnDefinition = "ticket_status") Status status;
                    @Column(length = 200) String note;
                }
                """;
        String migration = RoundTrip.edit(model.formatted("OPEN, IN_PROGRESS, CLOSED"), model.formatted("OPEN, CLOSED"))
                .run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.tickets DROP CONSTRAINT ck_closed_has_note;")
                .contains("CREATE TYPE public.ticket_status AS ENUM ('OPEN', 'CLOSED');")
                .contains("ALTER TABLE public.tickets ADD CONSTRAINT ck_closed_has_note CHECK (((status <> 'CLOSED'::public.ticket_status)"
                        + " OR (note IS NOT NULL)));");
        assertThat(migration.indexOf("\nALTER TABLE public.tickets DROP CONSTRAINT ck_closed_has_note"))
                .isLessThan(migration.indexOf("\nALTER TYPE public.ticket_status RENAME TO ticket_status_old"));
        assertThat(migration.indexOf("\nALTER TABLE public.tickets ADD CONSTRAINT ck_closed_has_note"))
                .isGreaterThan(migration.indexOf("\nDROP TYPE public.ticket_status_old"));
    }

    @Test
    void convertsVarcharEnumColumnToNamedEnumKeepingItsDefault() {
        String before = ticket("OPEN, CLOSED", "    @Enumerated(EnumType.STRING) @ColumnDefault(\"'OPEN'\")"
                + " @Column(length = 20, nullable = false) Status status;\n");
        String after = ticket("OPEN, CLOSED", STATUS_WITH_DEFAULT);
        String migration = RoundTrip.edit(before, after).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.tickets DROP CONSTRAINT tickets_status_check;")
                .contains("CREATE TYPE public.ticket_status AS ENUM ('OPEN', 'CLOSED');")
                .contains("ALTER TABLE public.tickets ALTER COLUMN status DROP DEFAULT;\n"
                        + "ALTER TABLE public.tickets ALTER COLUMN status TYPE public.ticket_status"
                        + " USING status::text::public.ticket_status;\n"
                        + "ALTER TABLE public.tickets ALTER COLUMN status SET DEFAULT 'OPEN'::public.ticket_status;")
                .contains("-- rollback ALTER TABLE public.tickets ALTER COLUMN status TYPE character varying(20);")
                .contains("-- rollback DROP TYPE public.ticket_status;");
    }

    @Test
    void mixedCaseTypeNameIsQuotedAndKeepsItsCase() {
        String column = "    @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM)"
                + " @Column(columnDefinition = \"\\\"TicketStatus\\\"\") Status status;\n";
        String migration = RoundTrip.edit(ticket("OPEN, CLOSED", ""), ticket("OPEN, CLOSED", column)).run().migration();
        assertThat(migration)
                .contains("CREATE TYPE public.\"TicketStatus\" AS ENUM ('OPEN', 'CLOSED');")
                .contains("ALTER TABLE public.tickets ADD COLUMN status public.\"TicketStatus\";");
    }
}
