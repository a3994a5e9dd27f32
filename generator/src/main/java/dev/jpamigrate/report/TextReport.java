package dev.jpamigrate.report;

import dev.jpamigrate.Program;
import dev.jpamigrate.engine.Results;
import dev.jpamigrate.integrity.Integrity;
import dev.jpamigrate.integrity.Problem;
import dev.jpamigrate.render.RenderOptions;

/** The report for a terminal: one section per kind of drift, each with what to do. */
final class TextReport {
    private TextReport() {
    }

    static String render(Results.Checked r, RenderOptions options) {
        StringBuilder out = new StringBuilder();
        if (!r.modelDrift().isEmpty()) {
            out.append("Model drift: ").append(Words.MODEL_DRIFT).append(" (")
                    .append(Words.plural(r.modelDrift().size(), "change")).append("). Fix: ")
                    .append(Program.words(Words.MODEL_FIX)).append('\n');
            items(out, r, options);
        }
        if (!r.pending().isEmpty()) {
            out.append("Database drift: ").append(Words.plural(r.pending().size(), "changeSet"))
                    .append(" pending on ").append(r.database()).append(". Fix: ").append(Program.words(Words.PENDING_FIX)).append('\n');
            for (Integrity.Pending p : r.pending()) {
                out.append("  ").append(p.file()).append("::").append(p.id()).append('\n');
            }
        }
        if (!r.databaseDrift().isEmpty()) {
            out.append("Database drift: ").append(Words.HAND_MADE).append(" (")
                    .append(Words.plural(r.databaseDrift().size(), "difference")).append("). Fix: ")
                    .append(Program.words(Words.HAND_MADE_FIX)).append('\n');
            for (Item i : Item.of(r.databaseDrift(), options)) {
                out.append("  ").append(i.marker()).append(' ').append(i.description()).append('\n');
            }
        }
        for (Problem p : r.problems()) {
            out.append("Integrity: ").append(p.kind()).append(": ").append(Program.words(p.message())).append('\n');
            out.append("  fix: ").append(Program.words(p.fix())).append('\n');
        }
        if (r.clean()) {
            out.append(r.databaseChecked()
                    ? "OK: entities, changelogs and database agree"
                    : "OK: entities and changelogs agree (no database given: model drift only)").append('\n');
        } else {
            out.append("DRIFT: ").append(summary(r)).append('\n');
        }
        return out.toString();
    }

    private static void items(StringBuilder out, Results.Checked r, RenderOptions options) {
        for (Item i : Item.of(r.modelDrift(), options)) {
            out.append("  ").append(i.marker()).append(' ').append(i.description());
            if (!i.hazards().isEmpty()) {
                out.append("  [").append(String.join(", ", i.hazards().stream().map(Enum::name).toList())).append(']');
            }
            out.append('\n');
        }
    }

    static String summary(Results.Checked r) {
        StringBuilder s = new StringBuilder();
        s.append("model ").append(!r.modelChecked() ? "not compared" : r.modelDrift().isEmpty() ? "ok"
                : Words.plural(r.modelDrift().size(), "change"));
        if (r.databaseChecked()) {
            s.append("; pending ").append(r.pending().size());
            s.append("; changed outside migrations ").append(!r.databaseCompared() ? "not compared"
                    : r.databaseDrift().isEmpty() ? "none" : String.valueOf(r.databaseDrift().size()));
        } else {
            s.append("; database not checked (no --url)");
        }
        s.append("; integrity ").append(r.problems().isEmpty() ? "ok" : Words.plural(r.problems().size(), "problem"));
        return s.toString();
    }
}
