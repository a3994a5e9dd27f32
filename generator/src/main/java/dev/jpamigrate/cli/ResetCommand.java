package dev.jpamigrate.cli;

import dev.jpamigrate.run.Lifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Reverts every migration, leaving only the tracking tables. */
@Command(name = "reset", description = "Revert every applied migration (tables, enum types, sequences and schemas they"
        + " created go too); only the tracking tables stay.",
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME}",
                "      revert every applied migration",
                "  ${COMMAND-FULL-NAME} --sql",
                "      print that SQL; change nothing"})
final class ResetCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Option(names = "--sql", description = "Print the rollback SQL; change nothing.")
    boolean sql;

    @Mixin
    LockOption lock;

    @Override
    public Integer call() {
        return root.withDatabase(engine -> {
            if (sql) {
                engine.lifecycle(lock.duration(), line -> { }, l -> l.reset(root.out()));
                root.out().flush();
                return ExitCode.OK;
            }
            root.info("Resetting " + engine.where());
            Lifecycle.Outcome outcome = engine.lifecycle(lock.duration(), root::info, l -> l.reset(null));
            if (outcome.changeSets() == 0) {
                root.out().println("Nothing to reset: no migration is applied");
            } else {
                root.out().println("Reset: " + outcome.changeSets() + " changeSet(s) in " + outcome.migrations().size()
                        + " migration(s) reverted; no migration is applied");
            }
            return ExitCode.OK;
        });
    }
}
