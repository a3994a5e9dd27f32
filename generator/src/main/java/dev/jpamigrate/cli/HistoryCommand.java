package dev.jpamigrate.cli;

import dev.jpamigrate.Program;
import dev.jpamigrate.run.Lifecycle;
import dev.jpamigrate.run.Migration;
import dev.jpamigrate.run.Status;
import dev.jpamigrate.report.StatusJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** Every migration in order, with its applied state. */
@Command(name = "history", description = "List every migration in order: revision, date, message, applied or pending.",
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME}",
                "      every migration: revision, date, message, applied or pending",
                "  ${COMMAND-FULL-NAME} --format json | jq .pendingMigrations",
                "      how many migrations are still to apply, for a script"})
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    StatusFormat format;

    @Override
    public Integer call() {
        boolean json = format.json();
        return root.withDatabase(engine -> {
            Status status = engine.lifecycle(Duration.ZERO, line -> { }, Lifecycle::status);
            PrintWriter out = root.out();
            if (json) {
                out.print(StatusJson.history(status, engine.hasDatabase() ? engine.where() : null));
                out.flush();
                Printer.missingFiles(root.err(), status);
                return ExitCode.OK;
            }
            if (status.migrations().isEmpty()) {
                out.println("No migrations yet: run " + Program.command("create", "\"<message>\""));
                return ExitCode.OK;
            }
            int width = status.migrations().stream().mapToInt(m -> m.revision().length()).max().orElse(0);
            // at least 1: "%-0s" is not a format, and hand-written changelogs have no "-- Migration:" messages
            int messages = Math.max(1, status.migrations().stream().mapToInt(m -> m.message().length()).max().orElse(0));
            for (Migration m : status.migrations()) {
                String date = m.created() == null ? "                " : Printer.MINUTES.format(m.created());
                String state = switch (m.state()) {
                    case APPLIED -> "applied" + (m.appliedAt() == null ? ""
                            : " " + Printer.utcMinutes(m.appliedAt()));
                    case PARTIAL -> "partial (" + m.applied() + " of " + m.changeSets() + " changeSets)";
                    case PENDING -> "pending";
                };
                String marks = (status.head().orElse(null) == m ? " (head)" : "")
                        + (status.current().orElse(null) == m ? " (current)" : "");
                out.println(String.format("%-" + width + "s  %s  %-" + messages + "s  %s%s", m.revision(), date,
                        m.message(), state, marks).stripTrailing());
            }
            Printer.missingFiles(root.err(), status);
            return ExitCode.OK;
        });
    }
}
