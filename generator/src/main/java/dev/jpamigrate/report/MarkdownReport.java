package dev.jpamigrate.report;

import dev.jpamigrate.Program;
import dev.jpamigrate.Text;
import dev.jpamigrate.engine.Results;
import dev.jpamigrate.integrity.Integrity;
import dev.jpamigrate.integrity.Problem;
import dev.jpamigrate.render.RenderOptions;

import java.util.List;

/** The report for a pull-request comment: a verdict, a summary table, then one section per finding. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(Results.Checked r, RenderOptions options) {
        StringBuilder md = new StringBuilder();
        md.append(r.clean() ? "## :white_check_mark: Schema check passed\n\n"
                : "## :x: Schema drift detected\n\n");
        md.append("| check | result |\n|---|---|\n");
        md.append("| Model drift (entities vs changelogs) | ")
                .append(!r.modelChecked() ? Words.NOT_COMPARED_REPLAY : verdict(r.modelDrift().size(), "change"))
                .append(" |\n");
        if (r.databaseChecked()) {
            md.append("| Pending changeSets on `").append(r.database()).append("` | ")
                    .append(verdict(r.pending().size(), "changeSet")).append(" |\n");
            md.append("| Changed outside migrations | ").append(!r.modelChecked() ? Words.NOT_COMPARED_REPLAY
                    : r.untracked() ? Words.NOT_COMPARED_UNTRACKED
                    : !r.databaseCompared() ? Words.NOT_COMPARED_PENDING
                    : verdict(r.databaseDrift().size(), "difference")).append(" |\n");
        } else {
            md.append("| Database | not checked (no `--url`) |\n");
        }
        md.append("| Changelog integrity | ").append(verdict(r.problems().size(), "problem")).append(" |\n");

        if (!r.modelDrift().isEmpty()) {
            md.append("\n### Model drift\n\n").append(capital(escape(Words.MODEL_DRIFT))).append(". **Fix:** ")
                    .append(inline(Words.MODEL_FIX, List.of())).append(".\n\n");
            items(md, Item.of(r.modelDrift(), options));
            md.append(ErDiagram.markdown(r.entities(), r.modelDrift(), "the drift"));
        }
        if (!r.pending().isEmpty()) {
            md.append("\n### Pending changeSets\n\n").append(capital(escape(Words.PENDING))).append(". **Fix:** ")
                    .append(inline(Words.PENDING_FIX, List.of())).append(".\n\n");
            for (Integrity.Pending p : r.pending()) {
                md.append("- `").append(p.file()).append("` changeSet `").append(p.id()).append("`\n");
            }
        }
        if (!r.databaseDrift().isEmpty()) {
            md.append("\n### Changed outside migrations\n\n").append(capital(escape(Words.HAND_MADE))).append(". **Fix:** ")
                    .append(inline(Words.HAND_MADE_FIX, List.of())).append(".\n\n");
            items(md, Item.of(r.databaseDrift(), options));
            md.append(ErDiagram.markdown(r.live(), r.databaseDrift(), "the drift"));
        }
        if (!r.problems().isEmpty()) {
            md.append("\n### Changelog integrity\n\n");
            for (Problem p : r.problems()) {
                md.append("- **`").append(p.kind()).append("`**: ").append(inline(p.message(), p.files()))
                        .append("  \n  **Fix:** ").append(inline(p.fix(), p.files())).append('\n');
            }
        }
        return md.toString();
    }

    private static void items(StringBuilder md, List<Item> items) {
        for (Item i : items) {
            md.append("- `").append(i.marker()).append("` ").append(code(i.description()));
            if (!i.hazards().isEmpty()) {
                md.append(" :warning: ").append(String.join(", ", i.hazardWords()));
            }
            md.append('\n');
        }
        md.append("\n<details><summary>SQL</summary>\n\n```sql\n");
        for (Item i : items) {
            for (String s : i.sql()) {
                md.append(s).append(";\n");
            }
        }
        md.append("```\n\n</details>\n");
    }

    private static String verdict(int n, String noun) {
        return n == 0 ? ":white_check_mark: none" : ":x: " + Words.plural(n, noun);
    }

    private static String code(String s) {
        return "`" + s.replace("`", "'") + "`";
    }

    /**
     * File names and identifiers hold underscores, which Markdown would read as emphasis; commands and code read as
     * code, and so do the {@code files} where the words name them.
     */
    private static String inline(Text text, List<String> files) {
        StringBuilder out = new StringBuilder();
        for (Text.Part part : text.parts()) {
            if (part instanceof Text.Words w) {
                out.append(withFiles(w.text(), files));
            } else if (part instanceof Text.Code c) {
                out.append(code(c.text()));
            } else {
                out.append(code(Program.command((Text.Command) part)));
            }
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("_", "\\_").replace("*", "\\*").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** File names read best as code, which also keeps their underscores literal. */
    private static String withFiles(String words, List<String> files) {
        String out = escape(words);
        for (String f : files) {
            out = out.replace(escape(f), code(f));
        }
        return out;
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
