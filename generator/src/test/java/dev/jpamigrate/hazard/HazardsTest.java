package dev.jpamigrate.hazard;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Hazards with real counts on a database with rows, the NOT NULL refusal with its backfill, and the lint gate. */
class HazardsTest {
    private static final String ORDERS = """
            @Entity @Table(name = "orders")
            class Order {
                @Id Long id;
                @Column(precision = 12, scale = 2) java.math.BigDecimal total;
                String phone;
            }
            """;

    @Test
    void dropsAndNarrowingsAreCountedWrittenIntoTheFileAndGateCi() throws Exception {
        try (EntityProject p = new EntityProject("hz.model")) {
            Path v1 = p.compile(ORDERS);
            assertThat(p.run(v1, "create", "orders").exit()).isZero();
            assertThat(p.run(v1, "upgrade").exit()).isZero();
            p.db.execute("INSERT INTO public.orders (id, total, phone) VALUES (1, 10.00, '555-1'), (2, 10.25, NULL), (3, 7.50, '555-3')");
            Path v2 = p.compile(ORDERS.replace("precision = 12, scale = 2", "precision = 10, scale = 0")
                    .replace("String phone;", ""));

            Cli.Result created = p.run(v2, "create", "narrow");
            assertThat(created.exit()).as("%s", created).isZero();
            assertThat(created.err())
                    .contains("WARNING: drop column orders.phone: deletes data; its rollback cannot bring the data back"
                            + " (2 rows hold values that would be deleted)")
                    .contains("WARNING: alter column orders.total: type numeric(12,2) -> numeric(10,0): deletes data;")
                    .contains("(2 values would be cut or rounded by numeric(12,2) -> numeric(10,0))");
            String file = Files.readString(p.latestFile());
            assertThat(file).contains("-- hazard DELETES_DATA: deletes data\n")
                    .contains("-- hazard LOCKS_TABLE: holds an ACCESS EXCLUSIVE lock")
                    .contains("-- rows: 2 rows hold values that would be deleted (counted on postgresql://");

            Cli.Result gate = lint(p);
            assertThat(gate.exit()).as("%s", gate).isEqualTo(1);
            assertThat(gate.out()).contains("DELETES_DATA (deletes data) not accepted: add '-- accept: DELETES_DATA'")
                    .contains("FAILED: 2 changeSet(s) hold hazards nobody accepted");
            Cli.Result allowed = lint(p, "--allow-hazards", "DELETES_DATA,ROLLBACK_LOSES_DATA,REWRITES_TABLE,LOCKS_TABLE");
            assertThat(allowed.exit()).as("%s", allowed).isZero();

            // accepted in review, in the file
            Files.writeString(p.latestFile(), file.replace("-- hazard DELETES_DATA: deletes data\n",
                    "-- hazard DELETES_DATA: deletes data\n-- accept: DELETES_DATA, ROLLBACK_LOSES_DATA, REWRITES_TABLE,"
                            + " LOCKS_TABLE\n"));
            Cli.Result accepted = lint(p, "--format", "json");
            assertThat(accepted.exit()).as("%s", accepted).isZero();
            assertThat(accepted.out()).contains("\"ok\": true").contains("\"unaccepted\": []");

            assertThat(p.run(v2, "upgrade").exit()).isZero();
            assertThat(lint(p).out()).as("nothing pending, nothing to gate").contains("OK: 0 migration(s)");
        }
    }

    @Test
    void aNotNullColumnWithoutADefaultIsRefusedOnRowsAndBackfilledOnRequest() throws Exception {
        try (EntityProject p = new EntityProject("hz.model")) {
            Path v1 = p.compile(ORDERS);
            assertThat(p.run(v1, "create", "orders").exit()).isZero();
            assertThat(p.run(v1, "upgrade").exit()).isZero();
            p.db.execute("INSERT INTO public.orders (id, total, phone) VALUES (1, 10.00, NULL), (2, 10.25, NULL)");
            Path v2 = p.compile(ORDERS.replace("String phone;", "String phone;\n    @Column(nullable = false) String currency;"));
            List<String> before;
            try (Stream<Path> files = Files.list(p.work.resolve("changelogs"))) {
                before = files.map(Path::toString).sorted().toList();
            }

            Cli.Result refused = p.run(v2, "create", "currency");
            assertThat(refused.exit()).as("%s", refused).isEqualTo(1);
            assertThat(refused.err()).contains("Nothing written: the migration would fail on the rows the database holds")
                    .contains("add column orders.currency")
                    .contains("2 existing rows would fail: the column is NOT NULL without a default")
                    .contains("--backfill \"orders.currency=<SQL value>\"");
            try (Stream<Path> files = Files.list(p.work.resolve("changelogs"))) {
                assertThat(files.map(Path::toString).sorted().toList()).isEqualTo(before);
            }

            Cli.Result filled = p.run(v2, "create", "currency", "--backfill", "orders.currency='EUR'");
            assertThat(filled.exit()).as("%s", filled).isZero();
            assertThat(Files.readString(p.latestFile()))
                    .contains("ALTER TABLE public.orders ADD COLUMN currency character varying(255);")
                    .contains("UPDATE public.orders SET currency = 'EUR' WHERE currency IS NULL;\n-- rollback empty")
                    .contains("ALTER TABLE public.orders ALTER COLUMN currency SET NOT NULL;");
            assertThat(p.run(v2, "upgrade").exit()).isZero();
            assertThat(p.query("select string_agg(currency, ',') from public.orders")).isEqualTo("EUR,EUR");
            assertThat(p.run(v2, "check").exit()).isZero();
            assertThat(p.run(v2, "downgrade").exit()).isZero();
            assertThat(p.query("select count(*) from information_schema.columns where column_name = 'currency'"))
                    .isEqualTo("0");
        }
    }

    private static Cli.Result lint(EntityProject p, String... args) {
        return p.cli.run(Stream.concat(Stream.of("lint"), Stream.concat(Stream.of(args),
                Stream.of("--url", p.db.jdbcUrl(), "--changelogs", "changelogs"))).toArray(String[]::new));
    }
}
