package dev.jpamigrate.cache;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The cached schemas are reused when nothing changed, and never give a wrong answer when something did. */
class SchemaCacheTest {
    /** The project's directory: its changelogs, its classes, and its cache. */
    @TempDir
    Path work;
    private Path cacheDir;
    private Cli cli;

    @BeforeEach
    void cliWithItsOwnCache() {
        cacheDir = work.resolve("cache");
        cli = new Cli(work, Map.of("MIGRATE_CACHE_DIR", cacheDir.toString()));
    }

    private static String[] project(Path classes, String... more) {
        return Stream.concat(Stream.of("--entities", "cache.model", "--classpath", classes.toString(), "--changelogs",
                "changelogs"), Stream.of(more)).toArray(String[]::new);
    }

    private static final String V1 = """
            @Entity @Table(name = "notes")
            class Note {
                @Id Long id;
                @Column(length = 100) String title;
            }
            """;
    private static final String V2 = V1.replace("String title;", "String title;\n    String body;");

    @Test
    void aHitSkipsTheWorkAndAnyChangeOfInputMisses() throws Exception {
        Path classes = EntityCompiler.compile("cache.model", V1, work.resolve("classes"));
        String[] project = project(classes);

        Cli.Result created = cli.run(with(project, "create", "notes"));
        assertThat(created.exit()).as("%s", created).isZero();
        Cli.Result first = cli.run(with(project, "check", "--verbose"));
        assertThat(first.exit()).as("%s", first).isZero();
        assertThat(entries(cacheDir)).as("the head and the desired schema are cached")
                .anyMatch(n -> n.startsWith("head-")).anyMatch(n -> n.startsWith("desired-"));

        Cli.Result second = cli.run(with(project, "check", "--verbose"));
        assertThat(second.exit()).as("%s", second).isZero();
        assertThat(second.err()).contains("cache hit head-").contains("cache hit desired-")
                .doesNotContainPattern("replay changelogs +\\d+ ms").doesNotContainPattern("hibernate ddl +\\d+ ms")
                .doesNotContainPattern("embedded start +\\d+ ms");

        // the same class directory with other contents: a miss, and the drift is found
        EntityCompiler.compile("cache.model", V2, classes);
        Cli.Result edited = cli.run(with(project, "check"));
        assertThat(edited.exit()).as("%s", edited).isEqualTo(1);
        assertThat(edited.out()).contains("body");

        // a changelog edit is a miss too: the new migration makes them agree again
        assertThat(cli.run(with(project, "create", "body")).exit()).isZero();
        assertThat(cli.run(with(project, "check")).exit()).isZero();

        // corrupt entries are ignored, not believed
        for (String name : entries(cacheDir)) {
            Files.writeString(cacheDir.resolve("schemas").resolve(name), "garbage");
        }
        Cli.Result corrupt = cli.run(with(project, "check", "--verbose"));
        assertThat(corrupt.exit()).as("%s", corrupt).isZero();
        assertThat(corrupt.err()).contains("unreadable").containsPattern("replay changelogs +\\d+ ms");

        Cli.Result noCache = cli.run(with(project, "check", "--verbose", "--no-cache"));
        assertThat(noCache.exit()).as("%s", noCache).isZero();
        assertThat(noCache.err()).doesNotContain("cache hit").containsPattern("replay changelogs +\\d+ ms");
    }

    @Test
    void theHistoryListingIsReusedAndStillComparesChecksums() throws Exception {
        Path classes = EntityCompiler.compile("cache.model", V1, work.resolve("classes"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            String[] project = project(classes, "--url", db.jdbcUrl());
            assertThat(cli.run(with(project, "create", "notes")).exit()).isZero();
            assertThat(cli.run(with(project, "upgrade")).exit()).isZero();
            Cli.Result first = cli.run(with(project, "check", "--verbose"));
            assertThat(first.exit()).as("%s", first).isZero();
            assertThat(entries(cacheDir)).as("the changeSets' listing is cached").anyMatch(n -> n.startsWith("listing-"));

            Cli.Result second = cli.run(with(project, "check", "--verbose"));
            assertThat(second.exit()).as("%s", second).isZero();
            assertThat(second.err()).as("the changelogs are not parsed again").contains("cache hit listing-");

            // the listing is what the files hold; the database's checksum is still compared with it
            db.execute("UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000'");
            Cli.Result tampered = cli.run(with(project, "check", "--verbose"));
            assertThat(tampered.exit()).as("%s", tampered).isEqualTo(1);
            assertThat(tampered.err()).contains("cache hit listing-");
            assertThat(tampered.out()).contains("was edited after it was applied");

            // other contexts select other changeSets: another key
            Cli.Result contexts = cli.run(with(project, "check", "--verbose", "--contexts", "nothing"));
            assertThat(contexts.err()).doesNotContain("cache hit listing-");

            // a corrupt listing is ignored, and the answer is the same
            for (String name : entries(cacheDir)) {
                if (name.startsWith("listing-")) {
                    Files.writeString(cacheDir.resolve("schemas").resolve(name), "garbage");
                }
            }
            Cli.Result corrupt = cli.run(with(project, "check", "--verbose"));
            assertThat(corrupt.exit()).as("%s", corrupt).isEqualTo(1);
            assertThat(corrupt.err()).contains("unreadable");
            assertThat(corrupt.out()).contains("was edited after it was applied");
        }
    }

    /** A model with one of most kinds the inspector reads: what the head read back after a create must hold. */
    private static final String MANY_KINDS = """
            @Entity @Table(name = "owners", indexes = @Index(name = "ix_owners_name", columnList = "name"))
            @Check(name = "ck_owners_age", constraints = "age >= 0")
            class Owner {
                @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
                @Column(length = 60, unique = true) String name;
                int age;
                @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) Level level;
                @Column(precision = 12, scale = 2) java.math.BigDecimal balance;
            }
            enum Level { LOW, HIGH }
            @Entity @Table(name = "pets")
            class Pet {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @ManyToOne(optional = false) Owner owner;
                java.time.OffsetDateTime born;
            }
            """;

    @Test
    void createCachesTheHeadItVerifiedAsAReplayWouldReadIt() throws Exception {
        Path classes = EntityCompiler.compile("cache.model", MANY_KINDS, work.resolve("classes"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            String[] project = project(classes, "--url", db.jdbcUrl());
            Cli.Result created = cli.run(with(project, "create", "owners"));
            assertThat(created.exit()).as("%s", created).isZero();
            List<String> heads = entries(cacheDir).stream().filter(n -> n.startsWith("head-")).toList();
            assertThat(heads).as("create caches the head its verification reached").hasSize(1);
            Path entry = cacheDir.resolve("schemas").resolve(heads.get(0));
            byte[] fromCreate = Files.readAllBytes(entry);

            assertThat(cli.run(with(project, "upgrade")).exit()).isZero();
            Cli.Result check = cli.run(with(project, "check", "--verbose"));
            assertThat(check.exit()).as("the database the changelogs built agrees with that head\n%s", check).isZero();
            assertThat(check.err()).contains("cache hit " + heads.get(0))
                    .doesNotContainPattern("replay changelogs +\\d+ ms");

            // the entry a replay of the changelogs writes is the same, byte for byte
            Files.delete(entry);
            Cli.Result replayed = cli.run(with(project, "check", "--verbose"));
            assertThat(replayed.exit()).as("%s", replayed).isZero();
            assertThat(replayed.err()).containsPattern("replay changelogs +\\d+ ms");
            assertThat(Files.readAllBytes(entry)).isEqualTo(fromCreate);

            // without verification nothing was reached, so nothing is cached: the check replays
            EntityCompiler.compile("cache.model", MANY_KINDS.replace("java.time.OffsetDateTime born;",
                    "java.time.OffsetDateTime born;\n    String nickname;"), classes);
            Cli.Result unverified = cli.run(with(project, "create", "nickname", "--no-verify"));
            assertThat(unverified.exit()).as("%s", unverified).isZero();
            assertThat(cli.run(with(project, "upgrade")).exit()).isZero();
            Cli.Result afterUnverified = cli.run(with(project, "check", "--verbose"));
            assertThat(afterUnverified.exit()).as("%s", afterUnverified).isZero();
            assertThat(afterUnverified.err()).doesNotContain("cache hit head-")
                    .containsPattern("replay changelogs +\\d+ ms");
        }
    }

    private static String[] with(String[] project, String... command) {
        return Stream.concat(Stream.of(command), Stream.of(project)).toArray(String[]::new);
    }

    private static List<String> entries(Path cacheDir) throws Exception {
        Path dir = cacheDir.resolve("schemas");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin")).sorted().toList();
        }
    }
}
