package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.TestPostgres;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reset} on generated changelogs, and the same changelogs applied by stock Liquibase as Spring Boot does. */
class ResetAndCompatibilityTest {

    @Test
    void resetRevertsEverythingAndLeavesOnlyTheTrackingTables() throws Exception {
        try (TestPostgres.Db db = TestPostgres.create(); TestPostgres.Db empty = TestPostgres.create()) {
            GeneratedProject p = GeneratedProject.build(db);
            assertThat(objects(db)).as("the model made a schema, enum types and a sequence")
                    .contains("schema league", "type public.team_status", "type public.player_position", "sequence league.team_ids");

            Cli.Result reset = p.run(db, "reset");
            assertThat(reset.exit()).as("%s", reset).isZero();
            assertThat(reset.out()).startsWith("Resetting postgresql://")
                    .containsPattern("Running downgrade \\d{8}_\\d{4}-[0-9a-f]{6} -> \\d{8}_\\d{4}-[0-9a-f]{6}, players\n")
                    .containsPattern("Running downgrade \\d{8}_\\d{4}-[0-9a-f]{6} -> , league\n")
                    .containsPattern("Reset: \\d+ changeSet\\(s\\) in 2 migration\\(s\\) reverted; no migration is applied\n$");
            assertThat(objects(db)).as("only the tracking tables stay")
                    .containsExactly("table public.databasechangelog", "table public.databasechangeloglock");
            assertThat(db.dump()).isEqualTo(empty.dump());
            assertThat(p.run(db, "current").out()).isEqualTo("no migration applied (2 migration(s) pending)\n");
            assertThat(p.run(db, "reset").out()).endsWith("Nothing to reset: no migration is applied\n");

            assertThat(p.run(db, "upgrade").exit()).isZero();
            assertThat(p.run(db, "current").out()).endsWith(" (head)\n");
        }
    }

    @Test
    void stockLiquibaseLikeSpringBootBuildsTheIdenticalSchemaAndTheToolSeesHead() throws Exception {
        try (TestPostgres.Db ours = TestPostgres.create(); TestPostgres.Db stock = TestPostgres.create()) {
            GeneratedProject p = GeneratedProject.build(ours);

            // Spring Boot: spring.liquibase.change-log=classpath:db/changelog/db.changelog-master.xml
            Path classes = Files.createTempDirectory("jpa-migrate-boot");
            Path target = Files.createDirectories(classes.resolve("db/changelog"));
            try (var files = Files.list(p.changelogs())) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
            try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, null);
                 Connection c = stock.connect()) {
                Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
                new Liquibase("db/changelog/db.changelog-master.xml", new ClassLoaderResourceAccessor(loader), database)
                        .update();
            }

            assertThat(stock.dump()).as("pg_dump of stock Liquibase's database").isEqualTo(ours.dump());
            assertThat(changelog(stock)).as("databasechangelog rows: same ids, file names, checksums")
                    .isEqualTo(changelog(ours)).isNotEmpty();
            assertThat(changelog(stock)).allMatch(row -> row.split("\\|")[2].matches("\\d{8}_\\d{4}-[0-9a-f]{6}_\\w+\\.sql"),
                    "recorded file name is the logicalFilePath, not db/changelog/...");

            Cli.Result current = p.run(stock, "current");
            assertThat(current.out()).as("%s", current).endsWith(" (head)\n");
            assertThat(p.run(stock, "upgrade").out()).contains("Already at ").contains("(head): nothing to apply");
            Cli.Result down = p.run(stock, "downgrade");
            assertThat(down.exit()).as("the tool downgrades what Spring Boot applied\n%s", down).isZero();
        }
    }

    /** Schemas, types, sequences and tables outside the system schemas, as "kind schema.name", sorted. */
    private static List<String> objects(TestPostgres.Db db) throws Exception {
        return rows(db, """
                select 'schema ' || nspname from pg_namespace
                 where nspname not like 'pg\\_%' and nspname not in ('information_schema', 'public')
                union all
                select 'type ' || n.nspname || '.' || t.typname from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where t.typtype in ('e', 'd') and n.nspname not in ('pg_catalog', 'information_schema')
                union all
                select 'sequence ' || schemaname || '.' || sequencename from pg_sequences
                union all
                select 'table ' || schemaname || '.' || tablename from pg_tables
                 where schemaname not in ('pg_catalog', 'information_schema')
                order by 1
                """);
    }

    private static List<String> changelog(TestPostgres.Db db) throws Exception {
        return rows(db, "select id || '|' || author || '|' || filename || '|' || md5sum || '|' || exectype"
                + " from databasechangelog order by orderexecuted");
    }

    private static List<String> rows(TestPostgres.Db db, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
