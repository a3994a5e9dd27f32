package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Installs the pre-commit drift check into the repository's git hooks. */
@Command(name = "install-hook", description = {
        "Install the pre-commit hook (hooks/pre-commit) into this git repository: commits whose entity or changelog"
                + " changes drift are blocked.",
        "The hook compiles the entities first with build= from migrate.properties (or MIGRATE_BUILD)."})
final class InstallHookCommand implements Callable<Integer> {
    static final String RESOURCE = "/dev/jpamigrate/hooks/pre-commit";
    static final String MARKER = "jpa-migrate pre-commit hook";

    @ParentCommand
    MigrateCommand root;

    @Option(names = "--force", description = "Replace an existing pre-commit hook that is not ours (kept as pre-commit.bak).")
    boolean force;

    @Override
    public Integer call() {
        String script = script();
        Path hooks = hooksDir();
        Path hook = hooks.resolve("pre-commit");
        try {
            Files.createDirectories(hooks);
            if (Files.exists(hook)) {
                String existing = Files.readString(hook, StandardCharsets.UTF_8);
                if (!existing.contains(MARKER)) {
                    if (!force) {
                        throw new MigrateException(hook + " exists and is not the jpa-migrate hook: rerun with --force"
                                + " to replace it (it is kept as pre-commit.bak), or call hooks/pre-commit from it");
                    }
                    Files.move(hook, hooks.resolve("pre-commit.bak"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(hook, script, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: git for Windows runs hooks without the bit
            }
        } catch (IOException e) {
            throw new MigrateException("cannot write " + hook + ": " + e.getMessage(), e);
        }
        root.out().println("Installed " + display(hook) + ": commits that stage entity or changelog changes are"
                + " checked for model drift (skip once with git commit --no-verify)");
        root.info("It runs " + runner() + "; DATABASE_URL and .env are not read (MIGRATE_HOOK_DATABASE=1 checks the"
                + " database too)");
        if (!compiles() && (!Files.isRegularFile(root.workDir().resolve(Config.FILE))
                || Config.load(root.workDir(), java.util.Map.of()).get("build", "").isEmpty())) {
            root.info("Set build= in " + Config.FILE + " to the command that compiles your entities (e.g. build=mvn -q"
                    + " -o compile), so the hook never checks stale classes");
        }
        return ExitCode.OK;
    }

    /** The tool the hook will run here, found as the hook finds it (MIGRATE_CMD aside). */
    private String runner() {
        Path dir = root.workDir();
        if (Files.isExecutable(dir.resolve("migrate"))) {
            return "./migrate check --model-only";
        }
        if (usesPlugin(dir)) {
            return "mvn -q jpa-migrate:check -Djpa-migrate.modelOnly=true (which compiles first)";
        }
        return "jpa-migrate check --model-only after compiling what changed";
    }

    /** Whether the hook has a build command without build=: the plugin, a pom.xml or a Gradle wrapper. */
    private boolean compiles() {
        Path dir = root.workDir();
        return usesPlugin(dir) || Files.isRegularFile(dir.resolve("pom.xml")) || Files.isExecutable(dir.resolve("gradlew"));
    }

    private static boolean usesPlugin(Path dir) {
        try {
            Path pom = dir.resolve("pom.xml");
            return Files.isRegularFile(pom)
                    && Files.readString(pom).contains("<artifactId>jpa-migrate-maven-plugin</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }

    private String display(Path hook) {
        Path abs = hook.toAbsolutePath().normalize();
        return abs.startsWith(root.workDir()) ? root.workDir().relativize(abs).toString() : abs.toString();
    }

    static String script() {
        try (InputStream in = InstallHookCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new MigrateException("the hook script is missing from the tool (" + RESOURCE + "): rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrateException("cannot read the hook script: " + e.getMessage(), e);
        }
    }

    /** Asks git, so that worktrees, submodules and core.hooksPath are honoured. */
    private Path hooksDir() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--git-path", "hooks").directory(root.workDir().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) {
                return root.workDir().resolve(out).normalize();
            }
            throw new MigrateException("not a git repository: " + root.workDir() + " (run git init first)");
        } catch (IOException e) {
            throw new MigrateException("cannot run git: " + e.getMessage() + " (is git installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException("interrupted", e);
        }
    }
}
