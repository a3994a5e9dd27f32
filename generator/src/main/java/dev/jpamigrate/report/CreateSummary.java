package dev.jpamigrate.report;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Hazard;
import dev.jpamigrate.change.Hazards;
import dev.jpamigrate.engine.Results;
import dev.jpamigrate.inspect.RowCounts;
import dev.jpamigrate.render.RenderOptions;
import dev.jpamigrate.schema.Schema;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code create --format markdown}: the new migration for a pull request, with its file, its changes and hazards in
 * the words {@code create} prints, and a diagram of the tables it touches.
 */
public final class CreateSummary {
    private CreateSummary() {
    }

    /**
     * @param file     the migration file as the user sees it (relative to the project)
     * @param verified what verifying it proved, one sentence, or null when it was not verified
     * @param after    the schema the migration leads to (the entities')
     */
    public static String render(Results.Created created, String file, String verified, Schema after,
                                RenderOptions options) {
        StringBuilder md = new StringBuilder("## Migration ").append(code(file)).append("\n\n");
        md.append(Words.plural(created.changes().size(), "change")).append(". ")
                .append(verified == null ? "Not verified (`--no-verify`)." : verified).append("\n\n");
        for (Change c : created.changes()) {
            Item i = Item.of(c, options);
            md.append("- `").append(i.marker()).append("` ").append(code(i.description())).append('\n');
        }
        StringBuilder hazards = new StringBuilder();
        for (Change c : created.changes()) {
            Set<Hazard> found = Hazards.of(c, created.changes());
            if (found.isEmpty()) {
                continue;
            }
            RowCounts.Count count = created.counts().get(c);
            hazards.append("- :warning: ").append(code(Item.of(c, options).description())).append(": ")
                    .append(found.stream().map(h -> h.words(options.timeZone())).collect(Collectors.joining("; ")))
                    .append(count == null ? "" : " (" + count.describe() + ")").append('\n');
        }
        md.append("\n### Hazards\n\n").append(hazards.length() == 0 ? "None.\n" : hazards);
        String diagram = ErDiagram.markdown(after, created.changes(), "the migration");
        if (!diagram.isEmpty()) {
            md.append("\n### Tables\n").append(diagram);
        }
        return md.toString();
    }

    private static String code(String s) {
        return "`" + s.replace("`", "'") + "`";
    }
}
