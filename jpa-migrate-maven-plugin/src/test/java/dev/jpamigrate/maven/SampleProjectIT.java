package dev.jpamigrate.maven;

import dev.jpamigrate.db.Connections;
import dev.jpamigrate.db.DbUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin as a user meets it: real Maven on a small project (src/it/sample), one Maven run per step, on a real
 * PostgreSQL database made for the test. The plugin comes from target/it-repo, where invoker:install put this
 * build's artifacts; everything else from this build's own local repository, offline.
 */
class SampleProjectIT {
    private static final DbUrl SERVER = DbUrl.parse(System.getenv().getOrDefault("MIGRATE_TEST_PG",
            "postgresql://postgres@127.0.0.1:5432/postgres"));
    private static final Path WORK = Path.of(System.getProperty("it.work", "target/it-work"));

    private static DbUrl database;
    private static Path project;
    private static Path settings;

    @BeforeAll
    static void setUp() throws IOException {
        String name = "jpamigrate_plugin_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(SERVER, "CREATE DATABASE " + name);
        database = SERVER.withDatabase(name);
        project = WORK.resolve(name);
        copy(Path.of(System.getProperty("it.sample")), project);
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@plugin.version@", System.getProperty("it.plugin.version")));
        // Central is this build's local repository (which keeps no checksums): the test needs no network.
        String outer = Path.of(System.getProperty("it.outer.repo")).toUri().toString();
        String repository = """
                    <id>central</id>
                    <url>%s</url>
                    <releases><checksumPolicy>ignore</checksumPolicy></releases>
                    <snapshots><enabled>false</enabled></snapshots>
                """.formatted(outer);
        settings = WORK.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <!-- every repository, also those a BOM's nested imports are read from -->
                    <mirror><id>outer-local-repository</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>outer-local-repository</id>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>outer-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(outer, repository, repository));
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            execute(SERVER, "DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
        }
    }

    @Test
    void createUpgradeDriftCreateCheck() throws IOException {
        Run created = mvn("jpa-migrate:create", "-Dmessage=create customers");
        assertThat(created.exit()).as("create on an empty database\n%s", created).isZero();
        assertThat(created.out()).as("it compiled the entities first\n%s", created)
                .contains("maven-compiler-plugin").contains("Detected 1 change(s)").contains("create table customers")
                .contains("Review it, then run mvn jpa-migrate:upgrade").contains("BUILD SUCCESS");
        Path changelogs = project.resolve("src/main/resources/db/changelog");
        assertThat(changelogs.resolve("db.changelog-master.xml")).as("changelogs= from migrate.properties").exists();
        assertThat(migrations(changelogs)).hasSize(1).allMatch(f -> f.endsWith("_create_customers.sql"));

        Run upgraded = mvn("jpa-migrate:upgrade");
        assertThat(upgraded.exit()).as("upgrade\n%s", upgraded).isZero();
        assertThat(upgraded.out()).contains("Upgraded to").contains("(head)").contains("BUILD SUCCESS");

        Path entity = project.resolve("src/main/java/com/example/shop/Customer.java");
        Files.writeString(entity, Files.readString(entity).replace("    // SampleProjectIT adds a field here\n",
                "    @Column(length = 64)\n    private String timezone;\n"));

        Run drift = mvn("jpa-migrate:check");
        assertThat(drift.exit()).as("check after the entity changed\n%s", drift).isNotZero();
        assertThat(drift.out()).as("the drift, printed, and the build failed on it\n%s", drift)
                .contains("[ERROR] Model drift:").contains("timezone")
                .contains("Fix: run mvn jpa-migrate:create -Dmessage=\"<message>\"")
                .contains("BUILD FAILURE").contains("Failed to execute goal").contains("DRIFT: model 1 change")
                .doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("Exception: ");

        Run second = mvn("jpa-migrate:create", "-Dmessage=add customer timezone");
        assertThat(second.exit()).as("create the second migration\n%s", second).isZero();
        assertThat(second.out()).contains("add column customers.timezone");
        assertThat(migrations(changelogs)).hasSize(2);

        Run clean = mvn("jpa-migrate:upgrade", "jpa-migrate:check", "jpa-migrate:history");
        assertThat(clean.exit()).as("upgrade, then check\n%s", clean).isZero();
        assertThat(clean.out()).contains("OK: entities, changelogs and database agree")
                .contains("add customer timezone").contains("BUILD SUCCESS");

        Run erd = mvn("jpa-migrate:erd", "-Djpa-migrate.output=target/schema.md");
        assertThat(erd.exit()).as("erd\n%s", erd).isZero();
        String diagram = Files.readString(project.resolve("target/schema.md"));
        assertThat(diagram).startsWith("```mermaid\nerDiagram\n").contains("customers {").contains("timezone");

        Run unknown = mvn("jpa-migrate:stamp", "-Drevision=0badc0");
        assertThat(unknown.exit()).as("an error (exit 2) is a build error with the tool's one line\n%s", unknown)
                .isNotZero();
        assertThat(unknown.out()).contains("BUILD FAILURE")
                .contains("unknown revision '0badc0'").contains("(mvn jpa-migrate:history lists them)")
                .doesNotContain("\tat ").doesNotContain("Caused by").doesNotContain("Exception: ");
    }

    @Test
    void aSpringBootApplicationNeedsNoConfiguration() throws IOException {
        Path boot = WORK.resolve(project.getFileName() + "-boot");
        copy(Path.of(System.getProperty("it.sample.boot")), boot);
        Path pom = boot.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@plugin.version@", System.getProperty("it.plugin.version")));

        assertThat(git(boot, "init", "-q").exit()).as("a repository of its own, as a user's project is").isZero();
        // no url: the embedded PostgreSQL (spring.datasource.* is read only with -Djpa-migrate.url=spring)
        Run created = run(boot, null, "jpa-migrate:create", "-Dmessage=initial schema");
        assertThat(created.exit()).as("create\n%s", created).isZero();
        Path changelog = boot.resolve("src/main/resources/db/changelog");
        assertThat(changelog.resolve("db.changelog-master.yaml")).as("Spring Boot's default master").exists();
        List<String> files = migrations(changelog);
        assertThat(files).hasSize(1);
        assertThat(Files.readString(changelog.resolve(files.get(0)))).as("Spring Boot's naming, as the application runs")
                .contains("CREATE TABLE public.order_line (").contains("product_code character varying(80) NOT NULL")
                .contains("unit_price numeric(12,2)");

        Run check = run(boot, null, "jpa-migrate:check", "-Djpa-migrate.modelOnly=true");
        assertThat(check.exit()).as("check\n%s", check).isZero();
        assertThat(check.out()).contains("BUILD SUCCESS");
    }

    @Test
    void theHookThePluginInstallsCompilesAndChecksModelDriftOnly() throws IOException {
        Path repo = WORK.resolve(project.getFileName() + "-hook");
        copy(Path.of(System.getProperty("it.sample")), repo);
        Path pom = repo.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@plugin.version@", System.getProperty("it.plugin.version")));
        Files.writeString(repo.resolve(".gitignore"), "target/\n.env\n");
        // the developer's database: down, so a hook that read .env would fail on it rather than on the drift
        Files.writeString(repo.resolve(".env"), "DATABASE_URL=postgresql://nobody@127.0.0.1:1/app\n");
        for (String[] git : List.of(new String[] {"init", "-q"}, new String[] {"config", "user.email", "dev@example.com"},
                new String[] {"config", "user.name", "Dev"}, new String[] {"config", "commit.gpgsign", "false"})) {
            assertThat(git(repo, git).exit()).isZero();
        }

        Run installed = run(repo, null, "jpa-migrate:install-hook");
        assertThat(installed.exit()).as("install-hook\n%s", installed).isZero();
        assertThat(installed.out()).contains("Installed .git/hooks/pre-commit")
                .contains("It runs mvn -q jpa-migrate:check -Djpa-migrate.modelOnly=true");
        assertThat(repo.resolve(".git/hooks/pre-commit")).isExecutable();

        assertThat(git(repo, "add", "-A").exit()).isZero();
        Run blocked = git(repo, "commit", "-q", "-m", "customers");
        assertThat(blocked.exit()).as("an entity without a migration is blocked\n%s", blocked).isNotZero();
        assertThat(blocked.out()).contains("jpa-migrate:check -Djpa-migrate.modelOnly=true")
                .contains("Model drift").contains("create table customers")
                .contains("commit blocked: the check failed").doesNotContain("127.0.0.1:1");
        assertThat(repo.resolve("target/classes/com/example/shop/Customer.class")).as("the goal compiled first").exists();

        // on an empty database of its own (the url wins over .env)
        DbUrl own = SERVER.withDatabase(database.database() + "_hook");
        execute(SERVER, "CREATE DATABASE " + own.database());
        try {
            Run created = run(repo, own.jdbcUrl() + "?user=" + own.user()
                    + (own.password() == null ? "" : "&password=" + own.password()), "jpa-migrate:create",
                    "-Dmessage=create customers");
            assertThat(created.exit()).as("create\n%s", created).isZero();
        } finally {
            execute(SERVER, "DROP DATABASE IF EXISTS " + own.database() + " WITH (FORCE)");
        }
        assertThat(git(repo, "add", "-A").exit()).isZero();
        Run passed = git(repo, "commit", "-q", "-m", "customers with their migration");
        assertThat(passed.exit()).as("the migrated entity passes\n%s", passed).isZero();
        assertThat(git(repo, "log", "--oneline").out().lines().count()).isEqualTo(1);
    }

    /** The outcome of one Maven run: its exit code and everything it printed. */
    record Run(int exit, String out) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + out;
        }
    }

    private static Run mvn(String... goals) {
        return run(project, databaseUrl(), goals);
    }

    private static String databaseUrl() {
        return database.jdbcUrl() + "?user=" + database.user()
                + (database.password() == null ? "" : "&password=" + database.password());
    }


    /** The options every Maven run here takes: offline, this build's repositories. */
    private static List<String> mavenOptions() {
        return List.of("-B", "-o", "-Daether.offline.protocols=file", "-Dstyle.color=never",
                "-s", settings.toAbsolutePath().toString(),
                "-Dmaven.repo.local=" + Path.of(System.getProperty("it.repo")).toAbsolutePath());
    }

    /** git in {@code dir}, with the environment a Maven run here has: the hook it starts runs Maven. */
    private static Run git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return exec(dir, cmd, String.join(" ", cmd));
    }

    /** Maven in {@code dir} with these goals, on {@code url} (null: what the project's settings say). */
    private static Run run(Path dir, String url, String... goals) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("it.maven.home"), "bin", "mvn").toString()));
        cmd.addAll(mavenOptions());
        if (url != null) {
            cmd.add("-Djpa-migrate.url=" + url);
        }
        cmd.addAll(List.of(goals));
        return exec(dir, cmd, "mvn " + String.join(" ", goals));
    }

    private static Run exec(Path dir, List<String> cmd, String what) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("DATABASE_URL");
        env.remove("MAVEN_ARGS");
        env.put("MIGRATE_CACHE_DIR", WORK.resolve("cache").toAbsolutePath().toString());
        // Each run is a short-lived JVM: the C1 compiler alone and the serial collector halve the CPU it takes.
        env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        // the hook's Maven: this Maven, offline, on this build's repositories
        env.put("PATH", Path.of(System.getProperty("it.maven.home"), "bin") + java.io.File.pathSeparator + env.get("PATH"));
        env.put("MIGRATE_HOOK_ARGS", String.join(" ", mavenOptions()));
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(what + " did not finish\n" + out);
            }
            System.out.printf("%s: exit %d in %.1f s%n", what, p.exitValue(),
                    (System.nanoTime() - start) / 1e9);
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> migrations(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".sql")).sorted().toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void execute(DbUrl url, String sql) {
        try (Connection c = Connections.open(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
