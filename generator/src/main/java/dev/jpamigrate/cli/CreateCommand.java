package dev.jpamigrate.cli;

import dev.jpamigrate.engine.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Writes a migration for the difference between the entities and the database at head. */
@Command(name = "create", description = "Generate a migration from the entity changes (like alembic revision --autogenerate).")
final class CreateCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(arity = "1..*", paramLabel = "MESSAGE", description = "What the migration does, e.g. \"add user timezone\".")
    List<String> message;

    @Option(names = "--no-verify", description = "Skip applying and rolling back the new migration on a scratch database.")
    boolean noVerify;

    @Override
    public Integer call() {
        String text = String.join(" ", message).trim();
        return root.withEngine(!noVerify, MigrateCommand.IfNoChangelogs.CREATE, engine -> {
            Results.Created created = engine.create(text);
            if (created.empty()) {
                root.out().println("No changes detected");
                return ExitCode.OK;
            }
            root.info("Detected " + created.changes().size() + " change(s):");
            if (!root.quiet) {
                Printer.changes(root.out(), created.changes(), "  ");
            }
            Printer.hazards(root.err(), created.changes());
            Printer.renameHints(root.err(), created.changes());
            String file = root.workDir().relativize(created.file().toAbsolutePath()).toString();
            if (!created.outside().isEmpty()) {
                root.err().println(Printer.outside(engine.where(), created.outside(), created.firstMigration(), file));
                root.err().flush();
            }
            root.out().println("Wrote " + file + " (" + created.changes().size() + " changeSet(s)" + (noVerify ? ""
                    : created.verifiedFromDatabase() ? ", verified from the database as it is: applies, matches the"
                    + " entities and rolls back exactly" : ", verified: applies, matches the entities and rolls back"
                    + " exactly") + ")");
            root.info("Review it, then run ./migrate upgrade");
            return ExitCode.OK;
        });
    }
}
