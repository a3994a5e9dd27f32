package dev.jpamigrate.hazard;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The online plan applies, matches the entities, and rolls back to an identical schema, on a table with rows. */
class OnlineTest {
    private static final String V1 = """
            @Entity @Table(name = "teams")
            class Team { @Id Long id; }

            @Entity @Table(name = "players")
            class Player {
                @Id Long id;
                String name;
                Long teamId;
                @Check(constraints = "rating >= 0") Integer rating;
            }
            """;
    private static final String V2 = """
            @Entity @Table(name = "teams")
            class Team { @Id Long id; }

            @Entity @Table(name = "players", indexes = @Index(name = "idx_players_name", columnList = "name"))
            class Player {
                @Id Long id;
                @Column(nullable = false) String name;
                @ManyToOne @JoinColumn(name = "teamId", foreignKey = @ForeignKey(name = "fk_players_team")) Team team;
                @Check(constraints = "rating >= 0 and rating <= 100") Integer rating;
            }
            """;

    @Test
    void busyTablePlanAppliesAndRollsBackExactly() throws Exception {
        Path work = Files.createTempDirectory("jpa-migrate-online");
        Cli cli = new Cli(work, Map.of());
        try (TestPostgres.Db db = TestPostgres.create()) {
            Path v1 = EntityCompiler.compile("on.model", V1, work.resolve("v1"));
            Path v2 = EntityCompiler.compile("on.model", V2, work.resolve("v2"));
            String[] base = {"--entities", "on.model", "--url", db.jdbcUrl(), "--changelogs", "changelogs"};
            assertThat(cli.run(with(base, "create", "v1", "--classpath", v1.toString())).exit()).isZero();
            assertThat(cli.run(with(base, "upgrade")).exit()).isZero();
            db.execute("INSERT INTO public.teams VALUES (1)",
                    "INSERT INTO public.players (id, name, teamid, rating) VALUES (1, 'Ada', 1, 50), (2, 'Bob', 1, 70)");
            String before = db.dump();

            Cli.Result created = cli.run(with(base, "create", "v2", "--online", "--classpath", v2.toString()));
            assertThat(created.exit()).as("%s", created).isZero();
            assertThat(created.out()).contains("verified");
            String file;
            try (Stream<Path> files = Files.list(work.resolve("changelogs"))) {
                file = Files.readString(files.filter(p -> p.toString().endsWith("_v2.sql")).findFirst().orElseThrow());
            }
            assertThat(file)
                    .containsPattern("runInTransaction:false .*\\n-- comment: create index idx_players_name on players"
                            + " \\(concurrently\\)")
                    .contains("CREATE INDEX CONCURRENTLY idx_players_name ON public.players")
                    .contains("FOREIGN KEY (teamid) REFERENCES public.teams(id) NOT VALID;")
                    .contains("ALTER TABLE public.players VALIDATE CONSTRAINT fk_players_team;")
                    .contains("CHECK (name IS NOT NULL) NOT VALID;")
                    .contains("SET LOCAL lock_timeout = '5s';");
            assertThat(cli.run(with(base, "upgrade")).exit()).isZero();
            assertThat(cli.run(with(base, "check", "--classpath", v2.toString())).exit()).isZero();
            assertThat(cli.run(with(base, "downgrade")).exit()).isZero();
            assertThat(db.dump()).as("rolled back to the identical schema").isEqualTo(before);
        }
    }

    private static String[] with(String[] base, String... command) {
        return Stream.concat(Stream.of(command), Stream.of(base)).toArray(String[]::new);
    }
}
