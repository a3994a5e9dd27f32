package dev.jpamigrate.cli;

import dev.jpamigrate.run.Lifecycle;
import dev.jpamigrate.run.Migration;
import dev.jpamigrate.run.MigrationSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** One migration's SQL, forward and rollback, read from its file; with a database, whether it is applied there. */
@Command(name = "show", description = {"Print a migration's SQL both ways: the forward statements of each changeSet,"
        + " then the rollback, in the order a downgrade runs it.",
        "Read from the file, no database needed; with --url (DATABASE_URL, .env) it also says whether it is applied."},
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME} a1b2c3",
                "      the SQL of migration a1b2c3 (an id, a unique prefix or the file name)",
                "  ${COMMAND-FULL-NAME} a1b2c3 --url \"$DATABASE_URL\"",
                "      the same, and whether that database has applied it"})
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(paramLabel = "REV", description = "The migration: its id (a1b2c3), a unique prefix, YYYYMMDD_HHMM-id"
            + " or the file name.")
    String revision;

    @Override
    public Integer call() {
        root.offlineIsNormal = true; // no database is the normal way to run it: no note about the embedded one
        return root.withDatabase(engine -> {
            MigrationSql.Shown shown = MigrationSql.show(engine.changelogs(), revision);
            Migration m = shown.migration();
            Optional<Migration> state = engine.hasDatabase()
                    ? engine.lifecycle(Duration.ZERO, line -> { }, Lifecycle::status).migrations().stream()
                    .filter(x -> x.file().equals(m.file())).findFirst()
                    : Optional.empty();
            PrintWriter out = root.out();
            out.println("-- Migration " + m.label());
            out.println("-- File: " + m.file());
            out.println("-- " + (engine.hasDatabase() ? state.map(ShowCommand::state).orElse("Pending") + " on "
                    + engine.where() : "Applied: not known without a database (pass --url)"));
            out.println();
            out.println("-- upgrade");
            for (MigrationSql.Step s : shown.changeSets()) {
                out.println(heading(s) + (s.runInTransaction() ? "" : " (runInTransaction:false)"));
                s.forward().forEach(out::println);
            }
            out.println();
            out.println("-- downgrade (the rollbacks, last changeSet first, as a downgrade runs them)");
            List<MigrationSql.Step> reversed = new java.util.ArrayList<>(shown.changeSets());
            java.util.Collections.reverse(reversed);
            for (MigrationSql.Step s : reversed) {
                out.println(heading(s));
                if (s.rollback() == null) {
                    out.println("-- no rollback: Liquibase cannot invert " + String.join(", ", s.irreversible()));
                } else if (s.rollback().isEmpty()) {
                    out.println("-- (empty rollback: nothing to revert)");
                } else {
                    s.rollback().forEach(out::println);
                }
            }
            out.flush();
            return ExitCode.OK;
        });
    }

    private static String heading(MigrationSql.Step s) {
        return "-- changeSet " + s.author() + ":" + s.id() + (s.comment().isEmpty() ? "" : ": " + s.comment());
    }

    private static String state(Migration m) {
        return switch (m.state()) {
            case APPLIED -> "Applied" + (m.appliedAt() == null ? ""
                    : " " + Printer.utcMinutes(m.appliedAt()) + " UTC");
            case PARTIAL -> "Partly applied (" + m.applied() + " of " + m.changeSets() + " changeSets)";
            case PENDING -> "Pending";
        };
    }
}
