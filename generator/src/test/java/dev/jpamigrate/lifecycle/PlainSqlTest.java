package dev.jpamigrate.lifecycle;

import dev.jpamigrate.run.Changelogs;
import dev.jpamigrate.run.LiquibaseRunner;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What create's verification runs in one transaction: the statements Liquibase generates for the pending changeSets,
 * and their rollbacks last changeSet first; none when only Liquibase can run the file.
 */
class PlainSqlTest {
    private static final String TWO = """
            -- liquibase formatted sql

            -- changeset test:1
            CREATE TABLE a (id bigint PRIMARY KEY);
            CREATE INDEX a_id ON a (id);
            -- rollback DROP INDEX a_id;
            -- rollback DROP TABLE a;

            -- changeset test:2
            ALTER TABLE a ADD COLUMN name text;
            -- rollback ALTER TABLE a DROP COLUMN name;
            """;

    @Test
    void theStatementsForwardAndTheRollbacksLastFirst() throws Exception {
        Optional<LiquibaseRunner.PlainSql> sql = plainSql(TWO, 2);
        assertThat(sql).isPresent();
        assertThat(sql.get().forward()).containsExactly("CREATE TABLE a (id bigint PRIMARY KEY)",
                "CREATE INDEX a_id ON a (id)", "ALTER TABLE a ADD COLUMN name text");
        assertThat(sql.get().rollback()).containsExactly("ALTER TABLE a DROP COLUMN name", "DROP INDEX a_id",
                "DROP TABLE a");
    }

    @Test
    void onlyLiquibaseRunsWhatCannotRunInTheFilesTransaction() throws Exception {
        assertThat(plainSql(TWO, 3)).as("not the changeSets expected").isEmpty();
        assertThat(plainSql(TWO.replace("-- changeset test:2", "-- changeset test:2 runInTransaction:false"), 2))
                .as("runInTransaction:false").isEmpty();
        assertThat(plainSql(TWO.replace("-- rollback ALTER TABLE a DROP COLUMN name;\n", ""), 2))
                .as("a changeSet without a rollback of its own").isEmpty();
        assertThat(plainSql("""
                -- liquibase formatted sql

                -- changeset test:1
                CREATE TYPE mood AS ENUM ('A');
                -- rollback DROP TYPE mood;

                -- changeset test:2
                ALTER TYPE mood ADD VALUE 'B';
                -- rollback SELECT 1;
                """, 2)).as("a new enum label").isEmpty();
        assertThat(plainSql(TWO.replace("ALTER TABLE a ADD COLUMN name text;", "SELECT 1;"), 2))
                .as("a statement that answers with rows, which a JDBC batch refuses").isEmpty();
    }

    private static Optional<LiquibaseRunner.PlainSql> plainSql(String content, int count) throws Exception {
        Path dir = Files.createTempDirectory("jpa-migrate-plain-sql");
        Changelogs changelogs = new Changelogs(dir);
        changelogs.add("20261201_0000-aaaaaa_two.sql", content);
        try (TestPostgres.Db db = TestPostgres.create(); Connection c = db.connect()) {
            Optional<LiquibaseRunner.PlainSql> sql = new LiquibaseRunner(c, changelogs).plainSql(count);
            assertThat(db.emptySchema()).as("nothing is run").isTrue();
            return sql;
        }
    }
}
