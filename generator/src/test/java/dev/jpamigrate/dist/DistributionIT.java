package dev.jpamigrate.dist;

import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive {@code mvn package} builds, unpacked and run the way the README installs it: through a symlink, from a
 * directory of its own.
 */
class DistributionIT {
    @TempDir
    static Path root;

    static Path launcher;
    static Path elsewhere;

    @BeforeAll
    static void unpack() throws IOException {
        Path archive = Path.of(System.getProperty("jpa-migrate.dist"));
        assertThat(archive).as("mvn package writes it").exists();
        Path opt = Files.createDirectories(root.resolve("opt"));
        Result tar = run(List.of("tar", "xzf", archive.toString(), "-C", opt.toString()), root, Map.of());
        assertThat(tar.exit()).as("%s", tar).isZero();
        Path installed = opt.resolve(archive.getFileName().toString().replace(".tar.gz", ""));
        assertThat(installed.resolve("lib/migrate.jar")).isRegularFile();
        assertThat(Files.isExecutable(installed.resolve("bin/jpa-migrate"))).as("bin/jpa-migrate is executable").isTrue();
        // ~/.local/bin/jpa-migrate -> ~/.local/jpa-migrate-<version>/bin/jpa-migrate, the README's install, and a
        // symlink to that symlink
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("jpa-migrate"), bin.relativize(installed.resolve("bin/jpa-migrate")));
        elsewhere = Files.createDirectories(root.resolve("somewhere/else"));
        launcher = Files.createSymbolicLink(elsewhere.resolve("jm"), bin.resolve("jpa-migrate"));
    }

    @Test
    void versionAndHelpFromAnotherDirectory() {
        Result version = run(List.of(launcher.toString(), "--version"), elsewhere, Map.of());
        assertThat(version.exit()).as("%s", version).isZero();
        assertThat(version.out()).startsWith("jpa-migrate 0.1");
        assertThat(version.err()).isEmpty();

        Result help = run(List.of(launcher.toString(), "check", "--help"), elsewhere, Map.of());
        assertThat(help.exit()).as("%s", help).isZero();
        assertThat(help.out()).contains("Usage:").contains("check").contains("--format");
    }

    @Test
    void itsMessagesNameTheCommandTheUserRan() throws IOException {
        Path project = Files.createDirectories(root.resolve("project"));
        Files.writeString(project.resolve("migrate.properties"), "changelogs=db\n");
        Files.createDirectories(project.resolve("db"));
        Files.writeString(project.resolve("db/db.changelog-master.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog
                        xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                </databaseChangeLog>
                """);
        Path below = Files.createDirectories(project.resolve("src/main"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            Result history = run(List.of(launcher.toString(), "history", "--url", db.jdbcUrl()), below, Map.of());
            assertThat(history.exit()).as("%s", history).isZero();
            assertThat(history.out()).isEqualTo("No migrations yet: run jpa-migrate create \"<message>\"\n");
        }
    }

    @Test
    void javaOptionsReachTheJvm() {
        Result r = run(List.of(launcher.toString(), "--version"), elsewhere,
                Map.of("MIGRATE_JAVA_OPTS", "-Xmx96m -XshowSettings:vm"));
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.err()).contains("Max. Heap Size: 96.00M");
    }

    @Test
    void javaHomeIsHonouredAndAMissingJavaIsOneLine() throws IOException {
        // a PATH with the tools the launcher uses and no java
        Path tools = Files.createDirectories(root.resolve("tools"));
        for (String tool : List.of("readlink", "dirname", "sed", "head")) {
            Path found = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream().filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError("no " + tool));
            if (!Files.exists(tools.resolve(tool))) {
                Files.createSymbolicLink(tools.resolve(tool), found);
            }
        }
        List<String> sh = List.of("/bin/sh", launcher.toString(), "--version");

        Result none = run(sh, elsewhere, Map.of("PATH", tools.toString()));
        assertThat(none.exit()).as("%s", none).isEqualTo(2);
        assertThat(none.err()).isEqualTo("error: no java on the PATH: install Java 17 or later, or set JAVA_HOME\n");

        Result home = run(sh, elsewhere, Map.of("PATH", tools.toString(), "JAVA_HOME", System.getProperty("java.home")));
        assertThat(home.exit()).as("%s", home).isZero();
        assertThat(home.out()).startsWith("jpa-migrate 0.1");

        Result wrong = run(sh, elsewhere, Map.of("PATH", tools.toString(), "JAVA_HOME", root.resolve("nojava").toString()));
        assertThat(wrong.exit()).as("%s", wrong).isEqualTo(2);
        assertThat(wrong.err()).startsWith("error: JAVA_HOME=").contains("has no bin/java").hasLineCount(1);
    }

    @Test
    void anOldJavaIsOneLineAndExit2() throws IOException {
        // the version from the release file: that java is never started
        Path java11 = fakeJava("java11", "exit 99");
        Files.writeString(java11.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");
        Result eleven = run(List.of(launcher.toString(), "--version"), elsewhere, Map.of("JAVA_HOME", java11.toString()));
        assertThat(eleven.exit()).as("%s", eleven).isEqualTo(2);
        assertThat(eleven.err()).isEqualTo("error: jpa-migrate needs Java 17 or later; " + java11.resolve("bin/java")
                + " is 11.0.2: set JAVA_HOME to a Java 17+ installation\n");

        // no release file: java -version says
        Path java8 = fakeJava("java8", "echo 'java version \"1.8.0_292\"' >&2");
        Result eight = run(List.of(launcher.toString(), "--version"), elsewhere, Map.of("JAVA_HOME", java8.toString()));
        assertThat(eight.exit()).as("%s", eight).isEqualTo(2);
        assertThat(eight.err()).contains("needs Java 17 or later").contains("is 1.8.0_292").hasLineCount(1);
    }

    private static Path fakeJava(String name, String body) throws IOException {
        Path home = Files.createDirectories(root.resolve(name));
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n" + body + "\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return home;
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result run(List<String> command, Path dir, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("MIGRATE_JAVA_OPTS");
        pb.environment().putAll(env);
        try {
            Path out = Files.createTempFile(root, "out", ".txt");
            Path err = Files.createTempFile(root, "err", ".txt");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
