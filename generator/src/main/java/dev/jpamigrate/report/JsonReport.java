package dev.jpamigrate.report;

import dev.jpamigrate.Program;
import dev.jpamigrate.engine.Results;
import dev.jpamigrate.integrity.Integrity;
import dev.jpamigrate.integrity.Problem;
import dev.jpamigrate.render.RenderOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report for tools. The format (version 1) is documented in changelogs/MIGRATIONS.md. */
final class JsonReport {
    static final int VERSION = 1;

    private JsonReport() {
    }

    static String render(Results.Checked r, RenderOptions options) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", VERSION);
        root.put("status", r.clean() ? "ok" : "drift");
        root.put("exitCode", r.clean() ? 0 : 1);
        root.put("summary", TextReport.summary(r));

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("checked", r.modelChecked());
        model.put("changes", changes(Item.of(r.modelDrift(), options)));
        root.put("modelDrift", model);

        Map<String, Object> database = new LinkedHashMap<>();
        database.put("checked", r.databaseChecked());
        database.put("url", r.database());
        List<Object> pending = new ArrayList<>();
        for (Integrity.Pending p : r.pending()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", p.file());
            m.put("id", p.id());
            m.put("author", p.author());
            pending.add(m);
        }
        database.put("pending", pending);
        Map<String, Object> handMade = new LinkedHashMap<>();
        handMade.put("checked", r.databaseCompared());
        handMade.put("changes", changes(Item.of(r.databaseDrift(), options)));
        database.put("changedOutsideMigrations", handMade);
        root.put("databaseDrift", database);

        List<Object> problems = new ArrayList<>();
        for (Problem p : r.problems()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", p.kind().name());
            m.put("files", p.files());
            m.put("message", Program.words(p.message()));
            m.put("fix", Program.words(p.fix()));
            problems.add(m);
        }
        root.put("integrity", problems);
        return Json.write(root);
    }

    private static List<Object> changes(List<Item> items) {
        List<Object> out = new ArrayList<>();
        for (Item i : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", i.kind());
            m.put("description", i.description());
            m.put("hazards", i.hazards().stream().map(Enum::name).toList());
            m.put("sql", i.sql());
            out.add(m);
        }
        return out;
    }
}
