package dev.jpamigrate.report;

import dev.jpamigrate.engine.Results;
import dev.jpamigrate.render.RenderOptions;

/** How {@code check} prints its result: for people, for tools, or for a pull-request comment. */
public enum Format {
    TEXT {
        @Override
        public String render(Results.Checked result, RenderOptions options) {
            return TextReport.render(result, options);
        }
    },
    JSON {
        @Override
        public String render(Results.Checked result, RenderOptions options) {
            return JsonReport.render(result, options);
        }
    },
    MARKDOWN {
        @Override
        public String render(Results.Checked result, RenderOptions options) {
            return MarkdownReport.render(result, options);
        }
    };

    /** The report; {@code options} are the ones the drift's SQL would be rendered with in a migration. */
    public abstract String render(Results.Checked result, RenderOptions options);
}
