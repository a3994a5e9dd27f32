package dev.jpamigrate.cli;

import dev.jpamigrate.engine.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Applies every pending migration. */
@Command(name = "upgrade", description = "Apply all pending migrations.")
final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Option(names = "--sql", description = "Print the SQL that would run; change nothing.")
    boolean sql;

    @Override
    public Integer call() {
        return root.withEngine(false, engine -> {
            if (sql) {
                engine.upgradeSql(root.out());
                root.out().flush();
                return ExitCode.OK;
            }
            Results.Ran ran = engine.upgrade();
            if (ran.changeSets() == 0) {
                root.out().println("Already at head: nothing to apply");
            } else {
                ran.files().forEach(f -> root.info("  applied " + f));
                root.out().println("Upgraded: " + ran.changeSets() + " changeSet(s) in " + ran.files().size()
                        + " migration(s) applied");
            }
            return ExitCode.OK;
        });
    }
}
