package dev.jpamigrate;

import org.junit.jupiter.api.Test;

import java.util.List;

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
    void theReportFindsEveryCommandItWrote() {
        for (String name : List.of("jpa-migrate", "./migrate", "mvn jpa-migrate:")) {
            for (List<String> c : List.of(List.of("upgrade"), List.of("create", "\"<message>\""),
                    List.of("stamp", "<rev>"), List.of("stamp", "head"), List.of("check", "--url"),
                    List.of("check", "--verbose"))) {
                String command = Program.commandFor(name, c.get(0), c.subList(1, c.size()).toArray(String[]::new));
                String sentence = "fix: run " + command + ", then commit";
                var m = Program.commandsFor(name).matcher(sentence);
                assertThat(m.find()).as(sentence).isTrue();
                assertThat(m.group()).as(sentence).isEqualTo(command);
            }
        }
    }
}
