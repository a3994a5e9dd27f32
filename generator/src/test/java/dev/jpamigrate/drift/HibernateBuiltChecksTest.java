package dev.jpamigrate.drift;

import dev.jpamigrate.desired.DesiredSchema;
import dev.jpamigrate.desired.Naming;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database built by the application's own Hibernate holds its CHECK constraints in PostgreSQL's first reading of
 * Hibernate's text, which is not the text PostgreSQL gives for the tool's rendering of it; the two mean the same.
 */
class HibernateBuiltChecksTest {
    private static final String MODEL = """
            enum Status { OPEN, IN_PROGRESS, CLOSED }

            @Entity @Table(name = "tickets")
            class Ticket {
                @Id Long id;
                @Enumerated(EnumType.STRING) @Column(length = 20) Status status;
                @Check(constraints = "priority between 1 and 5") Integer priority;
            }
            """;

    @Test
    void aDatabaseBuiltByHibernateShowsNoDriftInItsChecks() throws Exception {
        Path work = Files.createTempDirectory("jpa-migrate-checks");
        Path classes = EntityCompiler.compile("ck.model", MODEL, work.resolve("classes"));
        List<String> ddl = DesiredSchema.ddl(DesiredSchema.loader(List.of(classes), getClass().getClassLoader()),
                List.of("ck.model"), List.of(classes), Naming.HIBERNATE);
        assertThat(String.join("\n", ddl)).as("Hibernate's own DDL, as the application would run it")
                .containsIgnoringCase("in ('OPEN','IN_PROGRESS','CLOSED')");
        try (TestPostgres.Db db = TestPostgres.create()) {
            db.execute(ddl.toArray(String[]::new));
            Cli.Result create = new Cli(work, Map.of()).run("create", "adopt", "--entities", "ck.model",
                    "--classpath", classes.toString(), "--url", db.jdbcUrl(), "--changelogs", "changelogs");
            assertThat(create.exit()).as("%s", create).isZero();
            assertThat(create.out()).as("%s", create).contains("No changes detected");
            assertThat(work.resolve("changelogs")).doesNotExist();
        }
    }
}
