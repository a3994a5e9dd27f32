package dev.jpamigrate.report;

import dev.jpamigrate.Program;
import dev.jpamigrate.engine.Results;
import dev.jpamigrate.integrity.Integrity;
import dev.jpamigrate.integrity.Problem;
import dev.jpamigrate.render.RenderOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown report sets the commands and code a fix names as code, from the fix's parts, and escapes the rest. */
class MarkdownReportTest {
    private static String render(Problem... problems) {
        return MarkdownReport.render(new Results.Checked(List.of(), true, List.of(), List.of(), false, null,
                List.of(problems)), RenderOptions.DEFAULT);
    }

    private static String code(String command, String... args) {
        return "`" + Program.command(command, args) + "`";
    }

    @Test
    void aFixsCommandsAreCodeWithTheirArguments() {
        String md = render(Integrity.untracked("postgresql://db/app", 2, false));
        assertThat(md).contains("\n  **Fix:** stamp the last migration its schema matches (" + code("stamp", "<rev>")
                + "), then " + code("upgrade") + "; " + code("check", "--url")
                + " shows what is left to reconcile\n");
    }

    @Test
    void filesAreCodeAndTheWordsAroundThemAreEscaped() {
        List<Problem> problems = Integrity.includeOrder(List.of("db/20261103_1000-cccccc_bob.sql",
                "db/20261102_1500-bbbbbb_alice.sql"));
        assertThat(problems).hasSize(1);
        String md = render(problems.get(0));
        assertThat(md).contains("- **`OUT_OF_ORDER`**: `20261102_1500-bbbbbb_alice.sql` (created 2026-11-02 15:00 UTC)"
                + " is included after `20261103_1000-cccccc_bob.sql` (created 2026-11-03 10:00 UTC)")
                .contains("delete it and its &lt;include&gt; line, then run " + code("create", "\"<message>\"")
                        + " to generate it again on top of `20261103_1000-cccccc_bob.sql`.");
    }

    @Test
    void plainTextWordsTheSameFixWithoutMarkup() {
        Problem p = Integrity.untracked("postgresql://db/app", 0, false);
        assertThat(Program.words(p.fix())).isEqualTo("record the migrations as applied without running them: "
                + Program.command("stamp", "head"));
        assertThat(render(p)).contains("**Fix:** record the migrations as applied without running them: "
                + code("stamp", "head") + "\n");
    }
}
