package dev.jpamigrate.cli;

import dev.jpamigrate.run.Lifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Marks migrations as applied without running them. */
@Command(name = "stamp", description = "Mark migrations up to REV as applied without running them: for a database"
        + " whose tables existed before the migrations did.",
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME} head",
                "      record every migration as applied without running any",
                "  ${COMMAND-FULL-NAME} a1b2c3",
                "      record the migrations up to and including a1b2c3"})
final class StampCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(paramLabel = "REV", description = "head, a revision id (a1b2c3 or 20261123_2014-a1b2c3) or a migration file name.")
    String revision;

    @Mixin
    LockOption lock;

    @Override
    public Integer call() {
        root.showsProgress = true;
        return root.withDatabase(engine -> {
            root.info("Stamping " + engine.where());
            Lifecycle.Outcome outcome = engine.lifecycle(lock.duration(), root::info, l -> l.stamp(revision));
            root.clearProgress();
            outcome.migrations().forEach(m -> root.info("  marked " + m.label()));
            if (outcome.changeSets() == 0) {
                root.out().println("Already stamped: " + Printer.revision(outcome.after()) + "; nothing changed");
            } else {
                root.out().println("Stamped " + Printer.revision(outcome.after()) + ": " + outcome.changeSets()
                        + " changeSet(s) in " + outcome.migrations().size() + " migration(s) marked as applied, none run");
            }
            return ExitCode.OK;
        });
    }
}
