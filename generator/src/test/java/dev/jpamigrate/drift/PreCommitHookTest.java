package dev.jpamigrate.drift;

import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pre-commit hook in a temporary git repository, installed by {@code install-hook} and run by {@code git commit}
 * itself. The hook runs the tool as {@code java -cp <test class path> dev.jpamigrate.cli.Main} (MIGRATE_CMD) and
 * compiles the entities with javac (build= in migrate.properties), the way a project configures its own build.
 */
class PreCommitHookTest {
    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final String ENTITY = """
            package hook.model;

            import jakarta.persistence.*;
            import java.util.UUID;

            @Entity @Table(name = "accounts")
            public class Account {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                @Column(nullable = false, length = 120) String name;
            %s}
            """;

    @TempDir
    Path repo;
    Map<String, String> env;

    /** The outcome of one process. */
    record Run(int exit, String output) {
    }

    @BeforeEach
    void setUp() throws IOException {
        env = new HashMap<>();
        env.put("MIGRATE_CMD", javaCommand() + " -cp " + CLASSPATH + " dev.jpamigrate.cli.Main");
        env.put("MIGRATE_TEST_CP", CLASSPATH);
        git("init", "-q");
        git("config", "user.email", "dev@example.com");
        git("config", "user.name", "Dev");
        git("config", "commit.gpgsign", "false");
        Files.writeString(repo.resolve(".gitignore"), "target/\n");
        Files.writeString(repo.resolve("migrate.properties"), """
                entities=hook.model
                classpath=target/classes
                changelogs=changelogs
                build=mkdir -p target/classes && javac -proc:none -nowarn -d target/classes -cp "$MIGRATE_TEST_CP" $(find src -name '*.java')
                """);
        Files.writeString(repo.resolve("README.md"), "demo\n");
        writeEntity("");
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void writeEntity(String extraFields) throws IOException {
        Path file = repo.resolve("src/main/java/hook/model/Account.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, ENTITY.formatted(extraFields));
    }

    private Run run(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finishes", command).isTrue();
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Run git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(command);
    }

    private Run commit(String message) {
        return git("commit", "-q", "-m", message);
    }

    private void migrate(String... args) {
        // create reads the compiled classes, so compile first, the way the hook does
        Run build = run(List.of("bash", "-c", "mkdir -p target/classes && javac -proc:none -nowarn -d target/classes -cp \""
                + CLASSPATH + "\" $(find src -name '*.java')"));
        assertThat(build.exit()).as("javac\n%s", build.output()).isZero();
        Cli.Result r = new Cli(repo).run(args);
        assertThat(r.exit()).as("migrate %s\n%s", String.join(" ", args), r).isZero();
    }

    @Test
    void blocksAnUnmigratedEntityEditAndPassesAMigratedOne() throws IOException {
        Cli.Result installed = new Cli(repo).run("install-hook");
        assertThat(installed.exit()).as("%s", installed).isZero();
        Path hook = repo.resolve(".git/hooks/pre-commit");
        assertThat(Files.isExecutable(hook)).isTrue();
        assertThat(Files.readString(hook)).contains(InstallHookCommand_MARKER);

        // an entity without any migration: blocked
        git("add", "-A");
        Run first = commit("account entity");
        assertThat(first.exit()).as("commit without a migration is blocked\n%s", first.output()).isNotZero();
        assertThat(first.output()).contains("compiling the entities")
                .contains("Model drift").contains("create table accounts").contains("commit blocked");

        migrate("create", "init");
        git("add", "-A");
        Run clean = commit("account entity with its migration");
        assertThat(clean.exit()).as("clean commit passes\n%s", clean.output()).isZero();

        // an entity edit without a migration: blocked
        writeEntity("    @Column(length = 64) String timezone;\n");
        git("add", "-A");
        Run edit = commit("add timezone");
        assertThat(edit.exit()).as("unmigrated edit is blocked\n%s", edit.output()).isNotZero();
        assertThat(edit.output()).contains("Model drift").contains("+ add column accounts.timezone character varying(64)")
                .contains("commit blocked: schema drift");

        // the migration written but not staged: still blocked, because the commit would not contain it
        migrate("create", "add timezone");
        Run unstaged = commit("add timezone");
        assertThat(unstaged.exit()).as("unstaged migration is blocked\n%s", unstaged.output()).isNotZero();
        assertThat(unstaged.output()).contains("not staged").contains("changelogs/");

        git("add", "-A");
        Run migrated = commit("add timezone with its migration");
        assertThat(migrated.exit()).as("migrated edit passes\n%s", migrated.output()).isZero();
        assertThat(git("log", "--oneline").output().lines().count()).isEqualTo(2);
    }

    @Test
    void checksModelDriftOnlyWhateverDotEnvSays() throws IOException {
        migrate("create", "init");
        git("add", "-A");
        assertThat(git("commit", "-q", "--no-verify", "-m", "start").exit()).isZero();
        assertThat(new Cli(repo).run("install-hook").exit()).isZero();
        // the developer's local database: down (nothing listens on port 1), and it would have pending migrations
        Files.writeString(repo.resolve(".env"), "DATABASE_URL=postgresql://nobody@127.0.0.1:1/app\n");
        Files.writeString(repo.resolve(".gitignore"), "target/\n.env\n");

        writeEntity("    @Column(length = 64) String timezone;\n");
        git("add", "-A");
        Run edit = commit("add timezone");
        assertThat(edit.exit()).as("unmigrated edit is blocked by model drift\n%s", edit.output()).isNotZero();
        assertThat(edit.output()).contains("check --model-only")
                .contains("+ add column accounts.timezone character varying(64)")
                .contains("commit blocked: schema drift").doesNotContain("127.0.0.1:1").doesNotContain("connect");

        // the migration, made without the .env database (DATABASE_URL wins over .env), then committed
        Path changelogs = repo.resolve("changelogs");
        Run build = run(List.of("bash", "-c", "mkdir -p target/classes && javac -proc:none -nowarn -d target/classes"
                + " -cp \"" + CLASSPATH + "\" $(find src -name '*.java')"));
        assertThat(build.exit()).as("javac\n%s", build.output()).isZero();
        Files.move(repo.resolve(".env"), repo.resolve("env.off"));
        assertThat(new Cli(repo).run("create", "add timezone").exit()).isZero();
        Files.move(repo.resolve("env.off"), repo.resolve(".env"));
        git("add", "-A");
        Run migrated = commit("add timezone with its migration");
        assertThat(migrated.exit()).as("the hook never read .env's database\n%s", migrated.output()).isZero();
        try (var files = Files.list(changelogs)) {
            assertThat(files.filter(f -> f.toString().endsWith(".sql")).count()).isEqualTo(2);
        }
    }

    @Test
    void withNoToolToRunItSaysHowToGetOne() throws IOException {
        assertThat(new Cli(repo).run("install-hook").exit()).isZero();
        env.remove("MIGRATE_CMD");
        env.put("PATH", "/usr/bin:/bin"); // git, bash and coreutils, no jpa-migrate
        git("add", "-A");
        Run blocked = commit("account entity");

        assertThat(blocked.exit()).as("%s", blocked.output()).isNotZero();
        assertThat(blocked.output()).contains("commit blocked: jpa-migrate is not installed")
                .contains("jpa-migrate-maven-plugin").contains("MIGRATE_CMD").doesNotContain("command not found");
    }

    @Test
    void checkModelOnlyRefusesAUrl() {
        Cli.Result refused = new Cli(repo).run("check", "--model-only", "--url", "postgresql://nobody@127.0.0.1:1/app");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--model-only checks no database: drop --url");
    }

    @Test
    void skipsCommitsWithoutEntityOrChangelogChanges() throws IOException {
        git("add", "-A");
        assertThat(git("commit", "-q", "--no-verify", "-m", "start").exit()).isZero();
        assertThat(new Cli(repo).run("install-hook").exit()).isZero();
        env.put("MIGRATE_CMD", "false"); // would fail the commit if the check ran

        Files.writeString(repo.resolve("README.md"), "demo, documented\n");
        git("add", "README.md");
        Run docs = commit("docs only");

        assertThat(docs.exit()).as("%s", docs.output()).isZero();
        assertThat(docs.output()).doesNotContain("jpa-migrate");
    }

    @Test
    void blocksAnEditToACommittedMigration() throws IOException {
        migrate("create", "init");
        git("add", "-A");
        assertThat(git("commit", "-q", "--no-verify", "-m", "start").exit()).isZero();
        assertThat(new Cli(repo).run("install-hook").exit()).isZero();

        Path migration;
        try (var files = Files.list(repo.resolve("changelogs"))) {
            migration = files.filter(f -> f.toString().endsWith(".sql")).findFirst().orElseThrow();
        }
        Files.writeString(migration, Files.readString(migration).replace("varying(120)", "varying(200)"));
        git("add", "-A");
        Run edited = commit("edit a committed migration");

        assertThat(edited.exit()).as("%s", edited.output()).isNotZero();
        assertThat(edited.output()).contains("modifies or deletes migration files that are already committed")
                .contains(repo.relativize(migration).toString());
    }

    @Test
    void aMasterNamedByMasterHasItsDirectoryWatched() throws IOException {
        Path props = repo.resolve("migrate.properties");
        Files.writeString(props, Files.readString(props).replace("changelogs=changelogs\n",
                "master=classpath:db/changelog/db.changelog-master.yaml\n"));
        Path changelog = Files.createDirectories(repo.resolve("src/main/resources/db/changelog"));
        Files.writeString(changelog.resolve("db.changelog-master.yaml"),
                "databaseChangeLog:\n  - includeAll: {path: changes/, relativeToChangelogFile: true}\n");
        git("add", "-A");
        assertThat(git("commit", "-q", "--no-verify", "-m", "start").exit()).isZero();
        assertThat(new Cli(repo).run("install-hook").exit()).isZero();
        env.put("MIGRATE_CMD", "false"); // the check fails the commit when it runs

        Files.createDirectories(changelog.resolve("changes"));
        Files.writeString(changelog.resolve("changes/001-init.sql"), "--liquibase formatted sql\n");
        git("add", "-A");
        Run handWritten = commit("a hand-written changelog");

        assertThat(handWritten.exit()).as("the check ran for a changelog under the master's directory\n%s",
                handWritten.output()).isNotZero();
        assertThat(git("log", "--oneline").output().lines().count()).isEqualTo(1);
    }

    @Test
    void installHookKeepsAForeignHookUnlessForced() throws IOException {
        Path hook = repo.resolve(".git/hooks/pre-commit");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\necho theirs\n");

        Cli.Result refused = new Cli(repo).run("install-hook");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("exists and is not the jpa-migrate hook").contains("--force");
        assertThat(Files.readString(hook)).contains("theirs");

        Cli.Result forced = new Cli(repo).run("install-hook", "--force");
        assertThat(forced.exit()).as("%s", forced).isZero();
        assertThat(Files.readString(hook)).contains(InstallHookCommand_MARKER);
        assertThat(Files.readString(hook.resolveSibling("pre-commit.bak"))).contains("theirs");
    }

    private static final String InstallHookCommand_MARKER = "jpa-migrate pre-commit hook";
}
