package dev.jpamigrate.report;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.render.SqlRenderer;

import java.util.List;

/** One change as every format shows it: a marker, plain words, its SQL and its hazards. */
record Item(String kind, String marker, String description, List<String> sql, List<Hazard> hazards) {
    static Item of(Change change) {
        String kind = change.getClass().getSimpleName();
        String marker = kind.startsWith("Create") || kind.startsWith("Add") ? "+" : kind.startsWith("Drop") ? "-" : "~";
        return new Item(kind, marker, Describer.describe(change), SqlRenderer.render(change),
                List.copyOf(change.hazards()));
    }

    static List<Item> of(List<Change> changes) {
        return changes.stream().map(Item::of).toList();
    }
}
