package dev.jpamigrate.cli;

import dev.jpamigrate.engine.Results;
import dev.jpamigrate.schema.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** Adopts a database built without migrations: its schema becomes the first migration, recorded as applied there. */
@Command(name = "baseline", description = {
        "Adopt an existing database: write its schema as it is as the first migration (verified on an empty scratch"
                + " database, with an exact rollback) and record it as applied there without running it.",
        "Refuses a database that has migrations applied, and changelogs that already hold migrations."})
final class BaselineCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(arity = "0..*", paramLabel = "MESSAGE",
            description = "The migration's message (default: existing schema).")
    List<String> message;

    @Option(names = "--no-verify",
            description = "Skip building the baseline on an empty scratch database and rolling it back.")
    boolean noVerify;

    @Mixin
    LockOption lock;

    @Override
    public Integer call() {
        String text = message == null || String.join(" ", message).isBlank() ? "existing schema"
                : String.join(" ", message).trim();
        return root.withDatabase(!noVerify, MigrateCommand.IfNoChangelogs.CREATE, engine -> {
            Results.Baselined b = engine.baseline(text, lock.duration(), root::info);
            if (b.empty()) {
                root.out().println("Nothing to baseline: " + engine.where() + " has no table, sequence or enum type"
                        + " (excluded ones aside); start with ./migrate create \"<message>\"");
                return ExitCode.OK;
            }
            Schema s = b.schema();
            root.info("Adopting " + engine.where());
            root.info("Read its schema: " + s.tables().size() + " table(s), " + s.sequences().size() + " sequence(s), "
                    + s.enums().size() + " enum type(s)" + (s.schemas().isEmpty() ? "" : ", " + s.schemas().size()
                    + " schema(s)") + (b.extensions() == 0 ? "" : ", " + b.extensions() + " extension(s)"));
            root.out().println("Wrote " + root.workDir().relativize(b.file().toAbsolutePath()) + " (" + b.changeSets()
                    + " changeSet(s)" + (noVerify ? "" : ", verified: on an empty database it builds this schema"
                    + " exactly and its rollback empties it") + ")");
            root.out().println("Recorded it as applied on " + engine.where() + ": " + b.marked()
                    + " changeSet(s) marked, none run");
            root.info("Commit it; from now on ./migrate create \"<message>\" writes only what the entities change, and"
                    + " ./migrate check --url passes when they match the database");
            return ExitCode.OK;
        });
    }
}
