package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real processes killed ({@code kill -9} and SIGINT) at many points of a long migration, of a reset and of a stamp.
 * After each kill the database holds whole migration files only, every row is consistent with the tracking table,
 * and the next run carries on by itself: no hand repair, no wait for a lock nobody holds.
 */
// kills its children at points in time: run alone, after the parallel classes (see generator/pom.xml)
@Tag("alone")
class KillTest {
    private static final int FILES = 6;
    private static final int PER_FILE = 20;
    private static final int TOTAL = FILES * PER_FILE;
    private static final int ACCOUNTS = 2000;

    @Test
    void killedUpgradesResetsAndStampsNeedNoRepair() throws Exception {
        try (Project p = Project.create()) {
            // rows the migrations change: each changeSet adds 1 to every balance, each rollback takes it away again
            p.db.execute("CREATE TABLE public.accounts (id integer PRIMARY KEY, balance integer NOT NULL)",
                    "INSERT INTO public.accounts SELECT g, 100 FROM generate_series(1, " + ACCOUNTS + ") g");
            for (int f = 0; f < FILES; f++) {
                Project.ChangeSet[] steps = new Project.ChangeSet[PER_FILE];
                for (int i = 0; i < PER_FILE; i++) {
                    String t = "public.t_" + f + "_" + i;
                    steps[i] = cs("CREATE TABLE " + t + " (id integer); INSERT INTO " + t
                                    + " SELECT generate_series(1, 100); UPDATE public.accounts SET balance = balance + 1;"
                                    + " SELECT pg_sleep(0.02);",
                            "DROP TABLE " + t + "; UPDATE public.accounts SET balance = balance - 1;"
                                    + " SELECT pg_sleep(0.02);");
                }
                p.migration("202611" + (10 + f) + "_1000-aaaaa" + f, "file " + f, steps);
            }

            List<String> kills = new ArrayList<>();
            for (int round = 0; round < 8 && applied(p) < TOTAL; round++) {
                int remaining = TOTAL - applied(p);
                int line = 1 + (round * 37 + 13) % remaining;
                String signal = round % 2 == 0 ? "KILL" : "INT";
                kills.add(signal + "@upgrade[" + line + "/" + remaining + "]");
                killAfterProgressLine(p, line, signal);
                assertConsistent(p, kills);
            }
            Cli.Result up = p.run("upgrade", "--lock-timeout", "20");
            assertThat(up.exit()).as("after %s: %s", kills, up).isZero();
            assertThat(up.out()).contains("(head)");
            assertThat(applied(p)).isEqualTo(TOTAL);
            assertConsistent(p, kills);

            for (int round = 0; round < 4 && applied(p) > 0; round++) {
                long after = 1200 + round * 700L;
                String signal = round % 2 == 0 ? "KILL" : "INT";
                kills.add(signal + "@reset+" + after + "ms");
                killAfter(p, after, signal, "reset");
                assertConsistent(p, kills);
            }
            Cli.Result reset = p.run("reset", "--lock-timeout", "20");
            assertThat(reset.exit()).as("after %s: %s", kills, reset).isZero();
            assertThat(applied(p)).isZero();
            assertConsistent(p, kills);

            for (int round = 0; round < 3; round++) {
                long after = 900 + round * 400L;
                kills.add("KILL@stamp+" + after + "ms");
                killAfter(p, after, "KILL", "stamp", "head");
                assertThat(applied(p)).as("stamp marks all or nothing, after %s", kills).isIn(0, TOTAL);
                if (applied(p) == TOTAL) {
                    break;
                }
            }
            Cli.Result stamp = p.run("stamp", "head", "--lock-timeout", "20");
            assertThat(stamp.exit()).as("after %s: %s", kills, stamp).isZero();
            assertThat(applied(p)).isEqualTo(TOTAL);
            assertThat(p.query("select count(*) from databasechangeloglock where locked")).isEqualTo("0");
        }
    }

    /** Whole files only; the tables and every balance agree with the tracking rows. */
    private static void assertConsistent(Project p, List<String> kills) {
        int applied = applied(p);
        assertThat(applied % PER_FILE).as("only whole migration files are applied, after %s", kills).isZero();
        assertThat(p.query("select count(*) from information_schema.tables where table_name like 't\\_%'"))
                .as("a table exists exactly when its changeSet is recorded, after %s", kills)
                .isEqualTo(String.valueOf(applied));
        assertThat(p.query("select count(*) || ':' || min(balance) || ':' || max(balance) from public.accounts"))
                .as("every row intact and consistent with the tracking table, after %s", kills)
                .isEqualTo(ACCOUNTS + ":" + (100 + applied) + ":" + (100 + applied));
    }

    private static int applied(Project p) {
        return p.changelogRows().size();
    }

    private static Process start(Project p, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.jpamigrate.cli.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--url", p.db.jdbcUrl(), "--changelogs", "changelogs", "--lock-timeout", "20"));
        return new ProcessBuilder(command).directory(p.work.toFile()).redirectErrorStream(true).start();
    }

    /** Starts an upgrade and kills it once it has announced its {@code line}-th changeSet. */
    private static void killAfterProgressLine(Project p, int line, String signal) throws Exception {
        Process process = start(p, "upgrade");
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = 0;
            String text;
            while ((text = out.readLine()) != null) {
                output.append(text).append('\n');
                if (text.startsWith("  [") && ++seen == line) {
                    signal(process, signal);
                    break;
                }
            }
            assertThat(seen).as("the upgrade reached changeSet %d before it was killed:\n%s", line, output).isEqualTo(line);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("killed process exits").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static void killAfter(Project p, long millis, String signal, String... args) throws Exception {
        Process process = start(p, args);
        try {
            Thread.sleep(millis);
            signal(process, signal);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("killed process exits").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static void signal(Process process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
