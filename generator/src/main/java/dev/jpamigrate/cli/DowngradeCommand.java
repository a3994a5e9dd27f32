package dev.jpamigrate.cli;

import dev.jpamigrate.run.Lifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.Writer;
import java.util.concurrent.Callable;

/** Reverts the most recent migration files, or every one after a revision. */
@Command(name = "downgrade", description = {"Revert migration files with their rollbacks: the last N (default 1), or"
        + " every one after REV, so that REV becomes current (base: all of them)."},
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME}",
                "      revert the last applied migration (the same as downgrade -1)",
                "  ${COMMAND-FULL-NAME} -2",
                "      revert the last two",
                "  ${COMMAND-FULL-NAME} a1b2c3",
                "      revert every migration after a1b2c3, so that it becomes current",
                "  ${COMMAND-FULL-NAME} base --sql",
                "      print the SQL that reverts every migration; change nothing"})
final class DowngradeCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(arity = "0..1", defaultValue = "1", paramLabel = "N|-N|REV|base",
            description = "How many migration files to revert (N or -N), or the revision to go back to: its id"
                    + " (a1b2c3), a unique prefix, YYYYMMDD_HHMM-id or the file name; base reverts them all.")
    String target;

    @Option(names = "--sql", description = "Print the rollback SQL; change nothing.")
    boolean sql;

    @Mixin
    LockOption lock;

    @Override
    public Integer call() {
        Integer count = count(target);
        if (count != null && count < 1) {
            root.err().println("error: N must be at least 1");
            return ExitCode.ERROR;
        }
        return root.withDatabase(engine -> {
            if (sql) {
                engine.lifecycle(lock.duration(), line -> { }, l -> run(l, count, root.out()));
                root.out().flush();
                return ExitCode.OK;
            }
            root.info("Downgrading " + engine.where());
            Lifecycle.Outcome outcome = engine.lifecycle(lock.duration(), root::info, l -> run(l, count, null));
            String at = outcome.after().current().isEmpty() ? "base (no migration applied)"
                    : Printer.revision(outcome.after());
            root.out().println(outcome.changeSets() == 0 ? "Already at " + at + ": nothing to revert"
                    : "Downgraded to " + at + ": " + outcome.changeSets() + " changeSet(s) in "
                    + outcome.migrations().size() + " migration(s) reverted");
            return ExitCode.OK;
        });
    }

    private Lifecycle.Outcome run(Lifecycle l, Integer count, Writer sqlOut) {
        if (count == null) {
            return l.downgradeTo(target, sqlOut);
        }
        return l.downgrade(count, sqlOut);
    }

    /**
     * N or -N as a count; null for a revision or base. A bare number longer than 5 digits names a revision (a 6-digit
     * id, or a prefix of YYYYMMDD_HHMM): no one reverts 100,000 files.
     */
    static Integer count(String target) {
        String t = target.trim();
        if (!t.matches("\\d{1,5}|-\\d{1,9}")) {
            return null;
        }
        return Math.abs(Integer.parseInt(t));
    }
}
