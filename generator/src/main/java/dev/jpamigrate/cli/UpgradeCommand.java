package dev.jpamigrate.cli;

import dev.jpamigrate.run.Lifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Applies every pending migration. */
@Command(name = "upgrade", description = "Apply all pending migrations, or those up to and including REV.",
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME}",
                "      apply every pending migration",
                "  ${COMMAND-FULL-NAME} a1b2c3",
                "      apply the pending ones up to and including a1b2c3 (id, prefix or file)",
                "  ${COMMAND-FULL-NAME} --sql > upgrade.sql",
                "      write the SQL for a review or a DBA; change nothing",
                "  ${COMMAND-FULL-NAME} --url postgresql://app@db:5432/app --lock-timeout 60",
                "      migrate that database, waiting up to 60 s for another run"})
final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(arity = "0..1", defaultValue = "head", paramLabel = "REV",
            description = "head (default), or the last migration to apply: its id (a1b2c3), a unique prefix,"
                    + " YYYYMMDD_HHMM-id or the file name.")
    String target;

    @Option(names = "--sql", description = "Print the SQL that would run; change nothing (not even the tracking tables).")
    boolean sql;

    @Mixin
    LockOption lock;

    @Override
    public Integer call() {
        root.showsProgress = true;
        return root.withDatabase(engine -> {
            if (sql) {
                engine.lifecycle(java.time.Duration.ZERO, line -> { }, l -> {
                    l.upgradeSql(target, root.out());
                    return null;
                });
                root.out().flush();
                return ExitCode.OK;
            }
            root.info("Upgrading " + engine.where());
            Lifecycle.Outcome outcome = engine.lifecycle(lock.duration(), root::info, l -> l.upgrade(target));
            root.clearProgress();
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
