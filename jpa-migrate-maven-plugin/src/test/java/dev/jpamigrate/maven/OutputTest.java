package dev.jpamigrate.maven;

import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the tool's lines land in the Maven log. */
class OutputTest {
    @Test
    void linesAreWholeWhateverTheWritesAndFlushes() {
        List<String> lines = new ArrayList<>();
        try (PrintWriter w = new PrintWriter(new Lines(lines::add), true)) {
            w.print("Upgrading post");
            w.flush();
            w.print("gresql://db\r\nRunning upgrade\n\nlast");
        }
        assertThat(lines).containsExactly("Upgrading postgresql://db", "Running upgrade", "", "last");
    }

    @Test
    void theErrorLineIsTheFailureNotALogLine() {
        RecordingLog log = new RecordingLog();
        MigrateMojo.Output output = new MigrateMojo.Output(log, false);
        output.out("Stamping postgresql://db");
        output.err("note: something to know");
        output.err("error: unknown revision '0badc0'");
        output.err("\tat dev.jpamigrate.Something");
        output.finish(2);
        assertThat(output.failure()).isEqualTo("unknown revision '0badc0'");
        assertThat(log.lines).containsExactly("info Stamping postgresql://db", "warn note: something to know",
                "error \tat dev.jpamigrate.Something");
    }

    @Test
    void aVerdictIsHeldAndLoggedAsErrorsWhenItFailsTheBuild() {
        RecordingLog log = new RecordingLog();
        MigrateMojo.Output output = new MigrateMojo.Output(log, true);
        output.out("Model drift: ...");
        output.out("DRIFT: model 1 change");
        assertThat(log.lines).as("nothing before the exit code is known").isEmpty();
        output.finish(1);
        assertThat(log.lines).containsExactly("error Model drift: ...", "error DRIFT: model 1 change");
        assertThat(output.lastLine()).isEqualTo("DRIFT: model 1 change");

        RecordingLog passed = new RecordingLog();
        MigrateMojo.Output ok = new MigrateMojo.Output(passed, true);
        ok.out("OK: entities and changelogs agree");
        ok.finish(0);
        assertThat(passed.lines).containsExactly("info OK: entities and changelogs agree");
    }

    private static final class RecordingLog implements Log {
        final List<String> lines = new ArrayList<>();

        public boolean isDebugEnabled() {
            return false;
        }

        public void debug(CharSequence content) {
            lines.add("debug " + content);
        }

        public void debug(CharSequence content, Throwable error) {
            debug(content);
        }

        public void debug(Throwable error) {
        }

        public boolean isInfoEnabled() {
            return true;
        }

        public void info(CharSequence content) {
            lines.add("info " + content);
        }

        public void info(CharSequence content, Throwable error) {
            info(content);
        }

        public void info(Throwable error) {
        }

        public boolean isWarnEnabled() {
            return true;
        }

        public void warn(CharSequence content) {
            lines.add("warn " + content);
        }

        public void warn(CharSequence content, Throwable error) {
            warn(content);
        }

        public void warn(Throwable error) {
        }

        public boolean isErrorEnabled() {
            return true;
        }

        public void error(CharSequence content) {
            lines.add("error " + content);
        }

        public void error(CharSequence content, Throwable error) {
            error(content);
        }

        public void error(Throwable error) {
        }
    }
}
