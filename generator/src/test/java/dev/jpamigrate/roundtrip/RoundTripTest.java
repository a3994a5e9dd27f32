package dev.jpamigrate.roundtrip;

import dev.jpamigrate.testing.RoundTrip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each test is one model edit run through generate → upgrade → re-diff empty → downgrade → identical dump →
 * upgrade → identical dump, on the real PostgreSQL.
 */
class RoundTripTest {

    private static final String USER = """
            @Entity @Table(name = "users")
            class User {
                @Id @GeneratedValue(strategy = GenerationType.UUID) @ColumnDefault("gen_random_uuid()") UUID id;
                @Column(nullable = false, length = 255) String email;
            %s}
            """;

    private static String user(String extra) {
        return USER.formatted(extra);
    }

    @Test
    void noOp() {
        RoundTrip.Outcome outcome = RoundTrip.edit(user(""), user("")).run();
        assertThat(outcome.migration()).isNull();
    }

    @Test
    void addTable() {
        RoundTrip.Outcome outcome = RoundTrip.edit(user(""), user("") + """
                @Entity @Table(name = "teams")
                class Team {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Column(nullable = false, length = 100) String name;
                }
                """).run();
        assertThat(outcome.migration()).contains("CREATE TABLE public.teams (").contains("-- rollback DROP TABLE public.teams;");
    }

    @Test
    void dropTable() {
        RoundTrip.Outcome outcome = RoundTrip.edit(user("") + """
                @Entity @Table(name = "teams")
                class Team {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Column(nullable = false, length = 100) String name;
                }
                """, user("")).run();
        assertThat(outcome.migration()).contains("DROP TABLE public.teams;").contains("-- rollback CREATE TABLE public.teams (");
        assertThat(outcome.createOutput()).contains("WARNING: drop table teams");
    }

    @Test
    void addNullableColumn() {
        RoundTrip.Outcome outcome = RoundTrip.edit(user(""), user("    @Column(length = 64) String timezone;\n")).run();
        assertThat(outcome.migration())
                .contains("ALTER TABLE public.users ADD COLUMN timezone character varying(64);")
                .contains("-- rollback ALTER TABLE public.users DROP COLUMN timezone;");
    }

    @Test
    void widenVarcharInPlace() {
        RoundTrip.Outcome outcome = RoundTrip.edit(user("    @Column(length = 64) String timezone;\n"),
                user("    @Column(length = 128) String timezone;\n")).run();
        assertThat(outcome.migration())
                .contains("ALTER TABLE public.users ALTER COLUMN timezone TYPE character varying(128);")
                .doesNotContain("DROP COLUMN");
    }
}
