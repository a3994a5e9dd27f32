package dev.jpamigrate.cli;

import dev.jpamigrate.run.Progress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How progress events are worded: one line updated in place at a terminal, plain lines in CI, nothing otherwise. */
class ProgressLineTest {
    @Test
    void theWords() {
        assertThat(ProgressLine.words(new Progress.File(3, 12, "20261201_1000-a1b2c3_add_x.sql")))
                .isEqualTo("applying 3/12 20261201_1000-a1b2c3_add_x.sql");
        assertThat(ProgressLine.words(new Progress.Phase("replay changelogs")))
                .isEqualTo("replaying the changelogs on a scratch database");
        assertThat(ProgressLine.words(new Progress.Phase("something new"))).as("an unknown key as it is")
                .isEqualTo("something new");
        assertThat(ProgressLine.words(new Progress.ChangeSet(1, 2, "x"))).isNull();
    }

    @Test
    void theMode() {
        assertThat(ProgressLine.Mode.of(true, Map.of(), false)).isEqualTo(ProgressLine.Mode.TERMINAL);
        assertThat(ProgressLine.Mode.of(false, Map.of(), false)).as("a pipe").isEqualTo(ProgressLine.Mode.OFF);
        assertThat(ProgressLine.Mode.of(false, Map.of("CI", "true"), false)).isEqualTo(ProgressLine.Mode.PLAIN);
        assertThat(ProgressLine.Mode.of(true, Map.of("CI", "1"), false)).as("CI wins over a pseudo-terminal")
                .isEqualTo(ProgressLine.Mode.PLAIN);
        assertThat(ProgressLine.Mode.of(true, Map.of("CI", "false"), false)).isEqualTo(ProgressLine.Mode.TERMINAL);
        assertThat(ProgressLine.Mode.of(true, Map.of("CI", "true"), true)).as("--quiet").isEqualTo(ProgressLine.Mode.OFF);
        assertThat(ProgressLine.Mode.of(true, Map.of("CI", "true", "MIGRATE_PROGRESS", "off"), false))
                .as("the Maven plugin's setting").isEqualTo(ProgressLine.Mode.OFF);
        assertThat(ProgressLine.Mode.of(false, Map.of("MIGRATE_PROGRESS", "plain"), false)).isEqualTo(ProgressLine.Mode.PLAIN);
        assertThat(ProgressLine.Mode.of(false, Map.of("MIGRATE_PROGRESS", "line"), false)).isEqualTo(ProgressLine.Mode.TERMINAL);
    }

    @Test
    void atATerminalOneLineIsRewrittenAndClearedAtTheEnd() {
        StringWriter err = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), ProgressLine.Mode.TERMINAL)) {
            line.accept(new Progress.File(1, 2, "a.sql"));
            line.accept(new Progress.ChangeSet(1, 3, "a-1"));
            line.accept(new Progress.File(2, 2, "bb.sql"));
        }
        assertThat(err.toString()).isEqualTo("\rapplying 1/2 a.sql"
                + "\rapplying 1/2 a.sql (changeSet 1/3)"
                + "\rapplying 2/2 bb.sql" + " ".repeat(15)
                + "\r" + " ".repeat(19) + "\r");
    }

    @Test
    void aLongLineIsCutToTheWidth() {
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err), ProgressLine.Mode.TERMINAL);
        line.accept(new Progress.File(1, 1, "x".repeat(200)));
        assertThat(err.toString()).hasSize(1 + 79).endsWith("x...");
    }

    @Test
    void inCiOneLinePerPhaseAndNoneForFiles() {
        StringWriter err = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), ProgressLine.Mode.PLAIN)) {
            line.accept(new Progress.Phase("replay changelogs"));
            line.accept(new Progress.Phase("verify"));
            line.accept(new Progress.Phase("verify"));
            line.accept(new Progress.File(1, 1, "a.sql"));
            line.accept(new Progress.ChangeSet(1, 1, "a-1"));
        }
        assertThat(err.toString()).isEqualTo("replaying the changelogs on a scratch database\n"
                + "verifying the migration: apply, re-diff, roll back\n");
    }

    @Test
    void offPrintsNothing() {
        StringWriter err = new StringWriter();
        try (ProgressLine line = new ProgressLine(new PrintWriter(err), ProgressLine.Mode.OFF)) {
            line.accept(new Progress.Phase("verify"));
            line.accept(new Progress.File(1, 1, "a.sql"));
        }
        assertThat(err.toString()).isEmpty();
    }
}
