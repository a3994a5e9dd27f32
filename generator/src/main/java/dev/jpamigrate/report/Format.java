package dev.jpamigrate.report;

import dev.jpamigrate.engine.Results;

/** How {@code check} prints its result: for people, for tools, or for a pull-request comment. */
public enum Format {
    TEXT {
        @Override
        public String render(Results.Checked result) {
            return TextReport.render(result);
        }
    },
    JSON {
        @Override
        public String render(Results.Checked result) {
            return JsonReport.render(result);
        }
    },
    MARKDOWN {
        @Override
        public String render(Results.Checked result) {
            return MarkdownReport.render(result);
        }
    };

    public abstract String render(Results.Checked result);
}
