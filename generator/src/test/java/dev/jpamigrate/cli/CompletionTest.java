package dev.jpamigrate.cli;

import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The completion script picocli writes, loaded into a real bash and asked to complete. */
class CompletionTest {
    @TempDir
    Path work;

    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        Cli.Result script = new Cli(work).run("completion");
        assertThat(script.exit()).as("%s", script.err()).isZero();
        assertThat(script.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_jpa-migrate -o default jpa-migrate")
                .as("zsh loads it through bashcompinit").contains("bashcompinit");
        Path file = work.resolve("jpa-migrate.bash");
        Files.writeString(file, script.out());

        assertThat(complete(file, "jpa-migrate", "up")).isEqualTo("upgrade");
        assertThat(complete(file, "jpa-migrate", "downgrade", "--s")).isEqualTo("--sql");
        assertThat(complete(file, "jpa-migrate", "history", "--for")).isEqualTo("--format");
        assertThat(complete(file, "jpa-migrate", "s")).as("every command is there").isEqualTo("show stamp");
    }

    @Test
    void anotherCommandName() {
        Cli.Result script = new Cli(work).run("completion", "--name", "migrate");
        assertThat(script.out()).contains("complete -F _complete_migrate -o default migrate");
    }

    /** What bash offers for the last word of {@code words}, sorted, space-separated. */
    private static String complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String bash = "source '" + script + "'; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length()
                + "; _complete_jpa-migrate; printf '%s\\n' \"${COMPREPLY[@]}\" | sort | paste -sd' '";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
