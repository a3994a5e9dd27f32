package dev.jpamigrate.cli;

import dev.jpamigrate.engine.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Reverts the most recent migration files. */
@Command(name = "downgrade", description = "Revert the last N migration files (default 1), all of their changeSets.")
final class DowngradeCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(arity = "0..1", defaultValue = "1", paramLabel = "N", description = "How many migration files to revert.")
    int files;

    @Option(names = "--sql", description = "Print the rollback SQL; change nothing.")
    boolean sql;

    @Override
    public Integer call() {
        if (files < 1) {
            root.err().println("error: N must be at least 1");
            return ExitCode.ERROR;
        }
        return root.withEngine(false, engine -> {
            if (sql) {
                engine.downgrade(files, root.out());
                root.out().flush();
                return ExitCode.OK;
            }
            Results.Ran ran = engine.downgrade(files);
            ran.files().forEach(f -> root.info("  reverted " + f));
            root.out().println("Downgraded: " + ran.changeSets() + " changeSet(s) in " + ran.files().size()
                    + " migration(s) reverted");
            return ExitCode.OK;
        });
    }
}
