package dev.jpamigrate.cli;

import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answers --help (and --version) itself, as `help <command>` does. */
class SubcommandHelpTest {
    @TempDir
    Path work;

    @Test
    void aCommandsOwnHelp() {
        Cli.Result help = new Cli(work).run("check", "--help");
        assertThat(help.exit()).as("%s", help).isZero();
        assertThat(help.out()).contains("Usage:").contains(" check ").contains("--format").contains("--url");
        assertThat(help.err()).isEmpty();

        Cli.Result same = new Cli(work).run("help", "check");
        assertThat(same.out()).isEqualTo(help.out());
    }

    @Test
    void everyCommandHasIt() {
        for (String command : new String[] {"create", "check", "upgrade", "downgrade", "reset", "current", "history",
                "stamp", "unlock", "install-hook", "erd", "show", "completion", "lint", "baseline"}) {
            Cli.Result help = new Cli(work).run(command, "-h");
            assertThat(help.exit()).as("%s -h\n%s", command, help).isZero();
            assertThat(help.out()).as(command).contains("Usage:");
            Cli.Result version = new Cli(work).run(command, "--version");
            assertThat(version.out()).as(command).startsWith("jpa-migrate ");
        }
    }
}
