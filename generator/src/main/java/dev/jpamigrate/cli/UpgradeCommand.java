package dev.jpamigrate.cli;

import dev.jpamigrate.run.Lifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Applies every pending migration. */
@Command(name = "upgrade", description = "Apply all pending migrations.")
final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Option(names = "--sql", description = "Print the SQL that would run; change nothing (not even the tracking tables).")
    boolean sql;

    @Mixin
    LockOption lock;

    @Override
    public Integer call() {
        return root.withDatabase(engine -> {
            if (sql) {
                engine.upgradeSql(root.out());
                root.out().flush();
                return ExitCode.OK;
            }
            root.info("Upgrading " + engine.where());
            Lifecycle.Outcome outcome = engine.lifecycle(lock.duration(), root::info, Lifecycle::upgrade);
            String at = Printer.revision(outcome.after());
            if (outcome.changeSets() == 0) {
                root.out().println(outcome.after().migrations().isEmpty()
                        ? "No migrations in " + root.workDir().relativize(engine.changelogs().master().toAbsolutePath())
                        + ": nothing to apply"
                        : "Already at " + at + ": nothing to apply");
            } else {
                root.out().println("Upgraded to " + at + ": " + outcome.changeSets() + " changeSet(s) in "
                        + outcome.migrations().size() + " migration(s) applied");
            }
            Printer.missingFiles(root.err(), outcome.after());
            return ExitCode.OK;
        });
    }
}
