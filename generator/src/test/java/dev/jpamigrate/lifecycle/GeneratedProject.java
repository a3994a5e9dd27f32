package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changelogs written by {@code create} itself for a small model with a non-default schema, named enum types and a
 * sequence, in two migrations; built once against {@code db}, which ends at head.
 */
final class GeneratedProject {
    static final String PKG = "lc.model";

    private static final String V1 = """
            enum TeamStatus { ACTIVE, RETIRED }

            @Entity @Table(name = "teams", schema = "league")
            class Team {
                @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "team_ids")
                @SequenceGenerator(name = "team_ids", sequenceName = "team_ids", schema = "league", allocationSize = 10)
                Long id;
                @Column(nullable = false, length = 100) String name;
                @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM)
                @Column(nullable = false, columnDefinition = "team_status") TeamStatus status;
            }
            """;

    private static final String V2 = V1 + """
            enum Position { KEEPER, DEFENDER, FORWARD }

            @Entity @Table(name = "players", schema = "league")
            class Player {
                @Id @GeneratedValue(strategy = GenerationType.UUID) @ColumnDefault("gen_random_uuid()") UUID id;
                @ManyToOne(optional = false) @OnDelete(action = OnDeleteAction.CASCADE) Team team;
                @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM)
                @Column(columnDefinition = "player_position") Position position;
            }
            """;

    final Path work;
    final Cli cli;

    private GeneratedProject(Path work) {
        this.work = work;
        this.cli = new Cli(work, Map.of());
    }

    /** Writes both migrations with {@code create}, upgrading {@code db} after each (create starts from head). */
    static GeneratedProject build(TestPostgres.Db db) {
        try {
            GeneratedProject p = new GeneratedProject(Files.createTempDirectory("jpa-migrate-gen"));
            Path v1 = EntityCompiler.compile(PKG, V1, p.work.resolve("v1"));
            Path v2 = EntityCompiler.compile(PKG, V2, p.work.resolve("v2"));
            for (Path classes : new Path[]{v1, v2}) {
                Cli.Result created = p.cli.run("create", classes == v1 ? "league" : "players", "--entities", PKG,
                        "--classpath", classes.toString(), "--url", db.jdbcUrl(), "--changelogs", "changelogs");
                assertThat(created.exit()).as("%s", created).isZero();
                Cli.Result up = p.run(db, "upgrade");
                assertThat(up.exit()).as("%s", up).isZero();
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path changelogs() {
        return work.resolve("changelogs");
    }

    Cli.Result run(TestPostgres.Db db, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--url";
        all[args.length + 1] = db.jdbcUrl();
        all[args.length + 2] = "--changelogs";
        all[args.length + 3] = "changelogs";
        return cli.run(all);
    }
}
