package dev.jpamigrate.cli;

import dev.jpamigrate.engine.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The CI gate: do entities, changelogs and database agree? */
@Command(name = "check", description = "Exit 0 when entities, changelogs and database agree, 1 on drift (printed).")
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Override
    public Integer call() {
        return root.withEngine(false, engine -> {
            Results.Checked result = engine.check();
            PrintWriter out = root.out();
            if (!result.modelDrift().isEmpty()) {
                out.println("Model drift: the entities differ from what the changelogs build ("
                        + result.modelDrift().size() + " change(s)). Run ./migrate create \"<message>\":");
                Printer.changes(out, result.modelDrift(), "  ");
            }
            if (!result.pending().isEmpty()) {
                out.println("Database drift: " + result.pending().size() + " changeSet(s) pending. Run ./migrate upgrade:");
                result.pending().forEach(p -> out.println("  " + p));
            }
            if (!result.databaseDrift().isEmpty()) {
                out.println("Database drift: the database was changed outside the migrations ("
                        + result.databaseDrift().size() + " difference(s) from the changelogs):");
                Printer.changes(out, result.databaseDrift(), "  ");
            }
            if (result.clean()) {
                out.println(result.databaseChecked()
                        ? "OK: entities, changelogs and database agree"
                        : "OK: entities and changelogs agree (no database given: model drift only)");
                return ExitCode.OK;
            }
            return ExitCode.DRIFT;
        });
    }
}
