package dev.jpamigrate.cli;

import dev.jpamigrate.engine.Results;
import dev.jpamigrate.report.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** The drift gate for pre-commit and CI: do entities, changelogs and database agree? */
@Command(name = "check", description = {
        "Exit 0 when entities, changelogs and database agree, 1 on drift (printed).",
        "Model drift (entities vs changelogs replayed on a scratch database) always; with --url also database drift"
                + " (pending changeSets, changes made outside the migrations) and changelogs edited after they were"
                + " applied. Changelogs that conflict or got out of order fail too."},
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME}",
                "      entities vs changelogs (no database needed); exit 1 on drift",
                "  ${COMMAND-FULL-NAME} --url \"$DATABASE_URL\"",
                "      also that database: pending changeSets, manual changes, edited files",
                "  ${COMMAND-FULL-NAME} --format markdown > drift.md",
                "      a report for a pull-request comment (json for tools)"})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Option(names = "--format", paramLabel = "text|json|markdown", defaultValue = "text",
            converter = FormatConverter.class,
            description = "text (default), json (for tools; see MIGRATIONS.md) or markdown (for a pull-request comment).")
    Format format;

    @Option(names = "--model-only", description = "Model drift only (the pre-commit hook's check): the entities against"
            + " the changelogs replayed on a scratch database. DATABASE_URL and .env are not read; --url is refused.")
    boolean modelOnly;

    @Override
    public Integer call() {
        root.noDatabase = modelOnly;
        root.showsProgress = true;
        return root.withEngine(false, MigrateCommand.IfNoChangelogs.NEW_PROJECT, engine -> {
            Results.Checked result = engine.check();
            root.clearProgress();
            root.out().print(format.render(result, engine.renderOptions()));
            root.out().flush();
            return result.clean() ? ExitCode.OK : ExitCode.DRIFT;
        });
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "unknown format '" + value + "': use text, json or markdown");
            }
        }
    }
}
