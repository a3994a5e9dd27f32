package dev.jpamigrate.report;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.render.RenderOptions;
import dev.jpamigrate.render.SqlRenderer;

import java.util.List;

/** One change as every format shows it: a marker, plain words, its SQL and its hazards, also in words. */
record Item(String kind, String marker, String description, List<String> sql, List<Hazard> hazards,
            List<String> hazardWords) {
    static Item of(Change change, RenderOptions options) {
        String kind = change.kind();
        String marker = kind.startsWith("Create") || kind.startsWith("Add") ? "+" : kind.startsWith("Drop") ? "-" : "~";
        List<Hazard> hazards = List.copyOf(change.hazards());
        return new Item(kind, marker, Describer.describe(change), SqlRenderer.render(change, options), hazards,
                hazards.stream().map(h -> h.words(options.timeZone())).toList());
    }

    static List<Item> of(List<Change> changes, RenderOptions options) {
        return changes.stream().map(c -> of(c, options)).toList();
    }
}
