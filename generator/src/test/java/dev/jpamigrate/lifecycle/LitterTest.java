package dev.jpamigrate.lifecycle;

import dev.jpamigrate.db.Cleanup;
import dev.jpamigrate.db.Connections;
import dev.jpamigrate.db.RemoteServer;
import dev.jpamigrate.db.ScratchDatabase;
import dev.jpamigrate.run.Changelogs;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A run leaves nothing behind: on Ctrl-C and SIGTERM its shutdown hook drops its scratch databases and deletes its
 * directories; after kill -9 the embedded server's watchdog stops it and removes its data directory, and the next run
 * drops the scratch databases no live run owns. Real child processes, on the real server.
 *
 * <p>To hold a run still with a scratch database open, its changelogs end with a migration that sleeps, on scratch
 * databases only, in a statement marked with a token that tells which run's session it is.
 */
// times its children's exits and watches their postgres processes: run alone, after the parallel classes (see pom)
@Tag("alone")
class LitterTest {
    private static final Path REPO = Path.of(System.getProperty("migrate.repo.root", "..")).toAbsolutePath().normalize();
    private static final String PKG = "dev.jpamigrate.example.model";
    private static final String STALL_REVISION = "20261201_0000-5a11ed";
    /** The children's java.io.tmpdir is private; the PostgreSQL binaries stay where every run unpacks them. */
    private static final String BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString();

    @TempDir
    Path tmp;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildrenLeftByAFailure() {
        children.forEach(Process::destroyForcibly);
    }

    // ---- Ctrl-C and SIGTERM ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} --url, {1}")
    @CsvSource({"check, INT", "check, TERM", "create, INT", "create, TERM"})
    void aSignalledRunDropsItsScratchDatabaseAndDeletesItsDirectories(String command, String signal) throws Exception {
        try (TestPostgres.Db db = TestPostgres.create()) {
            String token = token();
            Path work = stallingProject(token);
            upgrade(work, db); // create starts from head
            List<String> before = scratchDatabases();
            Child run = start(work, command.equals("create") ? List.of("create", "x") : List.of("check"),
                    "--url", db.jdbcUrl());
            String scratch = run.await("a scratch database stalled in the child", () -> stalledOn(token));
            assertThat(before).as("made by that run").doesNotContain(scratch);
            if (command.equals("create")) {
                assertThat(ourDirs()).as("create verifies in a temporary directory").isNotEmpty();
            }

            Instant signalled = Instant.now();
            run.signal(signal);
            int exit = run.exit(Duration.ofSeconds(15));

            assertThat(exit).as("died of SIG%s, after its hooks ran\n%s", signal, run.output())
                    .isEqualTo(signal.equals("INT") ? 130 : 143);
            assertThat(Duration.between(signalled, Instant.now())).as("exits promptly").isLessThan(Duration.ofSeconds(10));
            assertThat(scratchDatabases()).as("its scratch database is dropped\n%s", run.output()).doesNotContain(scratch);
            assertThat(ourDirs()).as("its temporary directories are deleted").isEmpty();
        }
    }

    // ---- kill -9 --------------------------------------------------------------------------------------------------

    @Test
    void theNextRunDropsWhatAKilledRunLeftButNothingALiveRunOwns() throws Exception {
        try (TestPostgres.Db db = TestPostgres.create(); TestPostgres.Db other = TestPostgres.create();
             Cleanup inProcess = Cleanup.onExit(line -> { })) {
            String killedToken = token();
            String liveToken = token();
            Child killed = start(stallingProject(killedToken), List.of("check"), "--url", db.jdbcUrl());
            Child live = start(stallingProject(liveToken), List.of("check"), "--url", db.jdbcUrl());
            String leftover = killed.await("the first run's stalled scratch database", () -> stalledOn(killedToken));
            String busy = live.await("the second run's stalled scratch database", () -> stalledOn(liveToken));
            // held by this JVM: the creator's lock, and no session on it at all
            ScratchDatabase idle = new RemoteServer(TestPostgres.SERVER.withDatabase(db.name())).createScratch(inProcess);
            assertThat(sessionsOn(idle.name())).as("nobody is connected to the idle one").isZero();

            killed.signal("KILL");
            killed.exit(Duration.ofSeconds(10));
            awaitTrue("the killed run's sessions end", () -> sessionsOn(leftover) == 0 && !lockHeld(leftover));
            assertThat(scratchDatabases()).as("kill -9 runs no hook: left behind").contains(leftover);

            Child next = start(exampleProject(), List.of("check"), "--url", other.jdbcUrl(), "--verbose");
            int exit = next.exit(Duration.ofSeconds(90));
            assertThat(exit).as(next.output()).isIn(0, 1);
            assertThat(next.output()).contains("dropped scratch database " + leftover);

            assertThat(scratchDatabases()).as("the leftover is gone; the live runs' databases are not")
                    .doesNotContain(leftover).contains(busy, idle.name());
            assertThat(live.process.isAlive()).as("the live run is undisturbed").isTrue();

            idle.close();
            live.signal("TERM");
            live.exit(Duration.ofSeconds(15));
            assertThat(scratchDatabases()).doesNotContain(busy, idle.name());
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"KILL", "INT"})
    void theEmbeddedPostgresDiesWithTheRunAndTakesItsDataDirectory(String signal) throws Exception {
        String token = token();
        Child run = start(stallingProject(token), List.of("check", "--verbose"));
        Path dataDir = run.await("the embedded data directory, in the verbose output", () -> run.output().lines()
                .filter(l -> l.contains("embedded data directory ") && l.contains(" copied from "))
                .map(l -> Path.of(l.replaceAll(".*embedded data directory (\\S+) copied from .*", "$1")))
                .findFirst());
        long postmaster = run.await("the postmaster's pid", () -> pid(dataDir.resolve("postmaster.pid")));
        run.await("postgres running on it", () -> postgresOn(dataDir).stream().findFirst());
        assertThat(dataDir).startsWith(tmp);
        assertThat(run.process.isAlive()).as("still running (it stalls): %s", run.output()).isTrue();

        run.signal(signal);
        run.exit(Duration.ofSeconds(15));

        awaitTrue("no postgres left on " + dataDir, () -> postgresOn(dataDir).isEmpty()
                && ProcessHandle.of(postmaster).isEmpty());
        awaitTrue("the data directory is gone", () -> !Files.exists(dataDir.getParent()));
        awaitTrue("the watchdog is gone too", () -> mentioning(dataDir.getParent().toString()).isEmpty());
        assertThat(ourDirs()).isEmpty();
    }

    @Test
    void aRunSweepsTheDirectoriesOfKilledRunsAndKeepsThoseOfLiveOnes() throws Exception {
        Path stale = ownedDir("jpa-migrate-verify-999999999-dead");
        Path alive = ownedDir("jpa-migrate-verify-999999998-alive");
        Path postgresRuns = ownedDir("jpa-migrate-pgdata-999999997-postgres-runs");
        Files.createDirectories(postgresRuns.resolve("data"));
        // a postmaster.pid naming a live process (this JVM): its directory is in use, owner or not
        Files.writeString(postgresRuns.resolve("data/postmaster.pid"), ProcessHandle.current().pid() + "\n");
        Path justMade = ownedDir("jpa-migrate-verify-999999996-just-made");
        Path oldUnowned = Files.createDirectory(tmp.resolve("jpa-migrate-pgdata4711"));
        Path youngUnowned = Files.createDirectory(tmp.resolve("jpa-migrate-verify4712"));
        Path notOurs = Files.createDirectory(tmp.resolve("jpa-migrate-src4713"));
        for (Path dir : List.of(stale, alive, postgresRuns, notOurs, oldUnowned)) {
            age(dir, Duration.ofHours(2));
        }
        age(youngUnowned, Duration.ofMinutes(10));

        try (FileChannel owner = FileChannel.open(alive.resolve(".jpa-migrate-owner"), StandardOpenOption.WRITE);
             var lock = owner.lock()) {
            Child run = start(exampleProject(), List.of("check", "--verbose"));
            int exit = run.exit(Duration.ofSeconds(90));
            assertThat(exit).as(run.output()).isZero();
            assertThat(run.output()).contains("removed " + stale + ", left behind by a run that was killed");
        }

        assertThat(stale).as("owner lock free: its run is gone").doesNotExist();
        assertThat(oldUnowned).as("no owner file, old, no postmaster").doesNotExist();
        assertThat(alive).as("its owner holds the lock").exists();
        assertThat(postgresRuns).as("a postmaster runs in it").exists();
        assertThat(youngUnowned).as("no owner file, but less than an hour old").exists();
        assertThat(justMade).as("less than a minute old: its owner may not have locked it yet").exists();
        assertThat(notOurs).as("not of our naming").exists();
        assertThat(ourDirs()).as("the run's own directory is gone after a normal exit")
                .containsExactlyInAnyOrder(alive.getFileName().toString(), postgresRuns.getFileName().toString(),
                        youngUnowned.getFileName().toString(), justMade.getFileName().toString());
    }

    // ---- the projects -------------------------------------------------------------------------------------------

    /** The example model, and changelogs whose one migration sleeps when it runs on a scratch database. */
    private Path stallingProject(String token) throws IOException {
        Path work = Files.createDirectories(tmp.resolve("project-" + token));
        String file = STALL_REVISION + "_stall.sql";
        new Changelogs(work.resolve("changelogs")).add(file, """
                -- liquibase formatted sql

                -- Migration: stall
                -- Revision: %s

                -- changeset jpa-migrate:%s-1 logicalFilePath:%s
                -- comment: step 1
                SET client_connection_check_interval = '100ms';
                SELECT pg_sleep(CASE WHEN current_database() LIKE 'jpa\\_migrate\\_scratch\\_%%' THEN 300 ELSE 0 END), '%s';
                -- rollback SELECT 1;
                """.formatted(STALL_REVISION, STALL_REVISION, file, token));
        return work;
    }

    /** The example model and its committed changelogs. */
    private Path exampleProject() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("project-" + token()));
        Path changelogs = Files.createDirectories(work.resolve("changelogs"));
        try (Stream<Path> files = Files.list(REPO.resolve("changelogs"))) {
            for (Path f : files.toList()) {
                Files.copy(f, changelogs.resolve(f.getFileName()));
            }
        }
        return work;
    }

    private static void upgrade(Path work, TestPostgres.Db db) {
        Cli.Result up = new Cli(work).run("upgrade", "--url", db.jdbcUrl(), "--changelogs", "changelogs");
        assertThat(up.exit()).as("%s", up).isZero();
    }

    private static void age(Path dir, Duration age) throws IOException {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(age)));
    }

    private Path ownedDir(String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.createFile(dir.resolve(".jpa-migrate-owner"));
        return dir;
    }

    /** The tool's temporary directories in the children's tmpdir. */
    private List<String> ourDirs() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("jpa-migrate-pgdata") || n.startsWith("jpa-migrate-verify")).toList();
        }
    }

    private static String token() {
        return "litter" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    // ---- child processes ----------------------------------------------------------------------------------------

    /** {@code java ... dev.jpamigrate.cli.Main}, in {@code work}, stdout and stderr to a file. */
    private Child start(Path work, List<String> command, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp, "-Dot.epg.working-dir=" + BINARIES,
                "-cp", System.getProperty("java.class.path"), "dev.jpamigrate.cli.Main"));
        args.addAll(command);
        args.addAll(List.of(more));
        args.addAll(List.of("--entities", PKG, "--classpath", REPO.resolve("model/target/classes").toString(),
                "--changelogs", "changelogs"));
        Path log = Files.createTempFile(tmp, "child-", ".log");
        ProcessBuilder pb = new ProcessBuilder(args).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("DATABASE_URL");
        Process process = pb.start();
        children.add(process);
        return new Child(process, log);
    }

    private record Child(Process process, Path log) {
        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        /** Polls {@code probe} until it has a value; fails at once if the child exits first. */
        <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
                if (!process.isAlive()) {
                    fail("the child exited (%d) before %s:%n%s", process.exitValue(), what, output());
                }
                Thread.sleep(50);
            }
            return fail("no %s within 90 s:%n%s", what, output());
        }

        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -%s", name).isZero();
        }

        int exit(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("the child did not exit within %s:%n%s", limit, output());
            }
            return process.exitValue();
        }
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                fail("not within 5 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    // ---- the server and the processes ---------------------------------------------------------------------------

    /** The scratch database whose session runs the stall marked {@code token}. */
    private static Optional<String> stalledOn(String token) {
        return strings("SELECT datname FROM pg_stat_activity WHERE datname LIKE 'jpa\\_migrate\\_scratch\\_%'"
                + " AND query LIKE '%" + token + "%' AND query LIKE '%pg_sleep%' ORDER BY 1").stream().findFirst();
    }

    private static List<String> scratchDatabases() {
        return strings("SELECT datname FROM pg_database WHERE datname LIKE 'jpa\\_migrate\\_scratch\\_%' ORDER BY 1");
    }

    private static int sessionsOn(String database) {
        return Integer.parseInt(strings("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database + "'").get(0));
    }

    /** Whether anyone holds the advisory lock whose key the scratch database's name spells. */
    private static boolean lockHeld(String database) {
        String key = database.substring("jpa_migrate_scratch_".length());
        return !strings("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1"
                + " AND classid::bigint = x'" + key.substring(0, 8) + "'::bigint"
                + " AND objid::bigint = x'" + key.substring(8) + "'::bigint").isEmpty();
    }

    private static List<String> strings(String sql) {
        try (Connection c = Connections.open(TestPostgres.SERVER); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The postmaster of {@code dataDir}: started with -D. */
    private static List<Long> postgresOn(Path dataDir) {
        return mentioning("-D " + dataDir + " ");
    }

    /** The processes whose command line, arguments joined by spaces, contains {@code text}. */
    private static List<Long> mentioning(String text) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(text)) {
                        found.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
