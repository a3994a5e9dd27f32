package dev.jpamigrate.cli;

import dev.jpamigrate.run.Lifecycle;
import dev.jpamigrate.run.Status;
import dev.jpamigrate.report.StatusJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.concurrent.Callable;

/** The revision the database is at. */
@Command(name = "current", description = "Show the applied revision, marked (head) when nothing is pending.",
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME}",
                "      prints e.g. 20261124_0914-a1b2c3 (head)",
                "  ${COMMAND-FULL-NAME} --format json | jq -r .current",
                "      the revision alone, for a script"})
final class CurrentCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    StatusFormat format;

    @Override
    public Integer call() {
        boolean json = format.json();
        return root.withDatabase(engine -> {
            Status status = engine.lifecycle(Duration.ZERO, line -> { }, Lifecycle::status);
            if (json) {
                root.out().print(StatusJson.current(status, engine.hasDatabase() ? engine.where() : null));
                root.out().flush();
            } else {
                root.out().println(Printer.revision(status));
            }
            Printer.missingFiles(root.err(), status);
            return ExitCode.OK;
        });
    }
}
