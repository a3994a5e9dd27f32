package dev.jpamigrate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands the messages tell the user to run, in each launcher's words. */
class ProgramTest {
    @Test
    void theCommandLinesWords() {
        assertThat(Program.commandFor("jpa-migrate", "upgrade")).isEqualTo("jpa-migrate upgrade");
        assertThat(Program.commandFor("./migrate", "create", "\"<message>\"")).isEqualTo("./migrate create \"<message>\"");
        assertThat(Program.commandFor("jpa-migrate", "check", "--url")).isEqualTo("jpa-migrate check --url");
    }

    @Test
    void mavensGoalsAndProperties() {
        String mvn = "mvn jpa-migrate:";
        assertThat(Program.commandFor(mvn, "upgrade")).isEqualTo("mvn jpa-migrate:upgrade");
        assertThat(Program.commandFor(mvn, "create", "\"<message>\""))
                .isEqualTo("mvn jpa-migrate:create -Dmessage=\"<message>\"");
        assertThat(Program.commandFor(mvn, "stamp", "<rev>")).isEqualTo("mvn jpa-migrate:stamp -Drevision=<rev>");
        assertThat(Program.commandFor(mvn, "stamp", "head")).isEqualTo("mvn jpa-migrate:stamp -Drevision=head");
        assertThat(Program.commandFor(mvn, "downgrade", "2")).isEqualTo("mvn jpa-migrate:downgrade -Dcount=2");
        assertThat(Program.commandFor(mvn, "downgrade", "-2")).isEqualTo("mvn jpa-migrate:downgrade -Dcount=-2");
        assertThat(Program.commandFor(mvn, "downgrade", "a1b2c3")).isEqualTo("mvn jpa-migrate:downgrade -Drevision=a1b2c3");
        assertThat(Program.commandFor(mvn, "upgrade", "a1b2c3")).isEqualTo("mvn jpa-migrate:upgrade -Drevision=a1b2c3");
        assertThat(Program.commandFor(mvn, "check", "--url")).isEqualTo("mvn jpa-migrate:check -Djpa-migrate.url=<url>");
        assertThat(Program.commandFor(mvn, "check", "--verbose")).isEqualTo("mvn jpa-migrate:check -Djpa-migrate.verbose");
    }

    @Test
    void aTextWordsItsCommandsTheLaunchersWayAndKeepsTheRest() {
        Text fix = Text.of("run ", Text.command("create", "\"<message>\""), " after ",
                Text.code("git checkout <commit> -- <path>"), ", then ", Text.command("upgrade"));
        assertThat(fix.words(c -> Program.commandFor("./migrate", c.name(), c.args().toArray(String[]::new))))
                .isEqualTo("run ./migrate create \"<message>\" after git checkout <commit> -- <path>, then ./migrate upgrade");
        assertThat(fix.words(c -> Program.commandFor("mvn jpa-migrate:", c.name(), c.args().toArray(String[]::new))))
                .isEqualTo("run mvn jpa-migrate:create -Dmessage=\"<message>\" after git checkout <commit> -- <path>,"
                        + " then mvn jpa-migrate:upgrade");
        assertThat(Text.of("a ", Text.of("b", Text.code("c")), "d").parts()).containsExactly(
                new Text.Words("a "), new Text.Words("b"), new Text.Code("c"), new Text.Words("d"));
    }
}
