package dev.jpamigrate.cli;

import dev.jpamigrate.Program;
import dev.jpamigrate.change.Change;
import dev.jpamigrate.desired.StaleSources;
import dev.jpamigrate.diff.Backfills;
import dev.jpamigrate.diff.Renames;
import dev.jpamigrate.engine.Engine;
import dev.jpamigrate.engine.Results;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.report.CreateSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

/** Writes a migration for the difference between the entities and the database at head. */
@Command(name = "create", description = "Generate a migration from the entity changes (like alembic revision --autogenerate).",
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME} \"add user timezone\"",
                "      write changelogs/<rev>_add_user_timezone.sql for what the entities changed",
                "  ${COMMAND-FULL-NAME} \"full name\" --rename users.display_name=full_name",
                "      a rename that keeps the values, not a drop and an add",
                "  ${COMMAND-FULL-NAME} \"add currency\" --backfill \"orders.currency='EUR'\"",
                "      a new NOT NULL column, its value for the rows there already"})
final class CreateCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(arity = "1..*", paramLabel = "MESSAGE", description = "What the migration does, e.g. \"add user timezone\".")
    List<String> message;

    @Option(names = "--no-verify", description = "Skip applying and rolling back the new migration on a scratch database.")
    boolean noVerify;

    @Option(names = "--rename", paramLabel = "TABLE.OLD=NEW",
            description = "Rename a column instead of dropping it and adding another (keeps its values). Repeatable.")
    List<String> renameColumns = List.of();

    @Option(names = "--rename-table", paramLabel = "[SCHEMA.]OLD=[SCHEMA.]NEW",
            description = "Rename a table, or move it to another schema, keeping its rows. Repeatable.")
    List<String> renameTables = List.of();

    @Option(names = "--rename-value", paramLabel = "TYPE.OLD=NEW",
            description = "Rename an enum label in place: rows holding it hold the new label. Repeatable.")
    List<String> renameValues = List.of();

    @Option(names = "--backfill", paramLabel = "TABLE.COLUMN=VALUE",
            description = "A value (SQL) for the existing rows of a column that becomes NOT NULL without a default:"
                    + " the column is added, filled and made NOT NULL in one migration. Repeatable.")
    List<String> backfills = List.of();

    @Option(names = "--online", description = "Plan for a busy table: indexes built CONCURRENTLY, foreign keys and"
            + " checks added NOT VALID and validated in a step of their own, NOT NULL proven by a validated check, a"
            + " lock_timeout on every step that locks a table. Default: online= in migrate.properties.")
    boolean online;

    @Option(names = "--accept-drops",
            description = "Drop and add columns and tables that look like renames as they are (their values are lost).")
    boolean acceptDrops;

    @Option(names = "--format", paramLabel = "text|markdown", defaultValue = "text",
            description = "text (default), or markdown: a summary for a pull request on stdout (the file, its changes,"
                    + " hazards and a Mermaid diagram of the tables it touches).")
    String format;

    @Override
    public Integer call() {
        String text = String.join(" ", message).trim();
        boolean markdown = switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "markdown" -> true;
            default -> throw new dev.jpamigrate.MigrateException("unknown format '" + format + "': use text or markdown",
                    null, dev.jpamigrate.MigrateException.Kind.USAGE);
        };
        root.showsProgress = true;
        return root.withEngine(!noVerify, MigrateCommand.IfNoChangelogs.CREATE, engine -> {
            warnIfStale(engine);
            List<Renames.Request> renames = new ArrayList<>();
            renameTables.forEach(r -> renames.add(Renames.Request.parse(Renames.Kind.TABLE, r)));
            renameColumns.forEach(r -> renames.add(Renames.Request.parse(Renames.Kind.COLUMN, r)));
            renameValues.forEach(r -> renames.add(Renames.Request.parse(Renames.Kind.VALUE, r)));
            List<Backfills.Request> fills = backfills.stream().map(Backfills.Request::parse).toList();
            Results.Created created = engine.create(new Engine.CreateRequest(text, renames, fills,
                    online || Boolean.parseBoolean(root.setting("online", "false"))), this::decide);
            root.clearProgress();
            if (!created.written() && !created.counts().isEmpty()) {
                PrintWriter err = root.err();
                err.println("Nothing written: the migration would fail on the rows the database holds:");
                created.counts().forEach((change, count) -> {
                    err.println("  " + Describer.describe(change) + ": " + count.describe());
                    String column = change instanceof Change.AddColumn add ? add.table() + "." + add.column().name()
                            : change instanceof Change.AlterColumn alter ? alter.table() + "." + alter.to().name() : null;
                    if (column != null) {
                        err.println("    give the column a default (@ColumnDefault), or a value for the existing rows:"
                                + " --backfill \"" + column + "=<SQL value>\"");
                    }
                });
                err.flush();
                return ExitCode.DRIFT;
            }
            if (!created.refused().isEmpty()) {
                PrintWriter err = root.err();
                err.println("Nothing written: these drops and adds may be renames. A rename keeps the values; a drop"
                        + " deletes them:");
                List<GitRenames.FieldRename> inGit = GitRenames.read(root.workDir());
                for (Renames.Suggestion s : created.refused()) {
                    err.println("  " + s.dropped() + " dropped, " + s.added() + " added: " + s.request().option()
                            + GitRenames.explaining(inGit, s).map(r -> " (git: " + r.describe() + ")").orElse(""));
                }
                err.println("Rerun with the renames you mean (" + created.refused().stream()
                        .map(s -> s.request().option()).distinct().collect(Collectors.joining(" ")) + "), or with"
                        + " --accept-drops to drop and add them as they are");
                err.flush();
                return ExitCode.DRIFT;
            }
            if (created.empty()) {
                root.out().println("No changes detected");
                return ExitCode.OK;
            }
            if (!markdown) {
                root.info("Detected " + created.changes().size() + " change(s):");
                if (!root.quiet) {
                    Printer.changes(root.out(), created.changes(), "  ");
                }
            }
            Printer.hazards(root.err(), created.changes(), created.counts(), engine.renderOptions().timeZone());
            String file = root.workDir().relativize(created.file().toAbsolutePath()).toString();
            if (!created.outside().isEmpty()) {
                root.err().println(Printer.outside(engine.where(), created.outside(), created.firstMigration(), file));
                root.err().flush();
            }
            if (markdown) {
                root.out().print(CreateSummary.render(created, file, noVerify ? null : created.verifiedFromDatabase()
                        ? "Verified from the database as it is: applies, matches the entities and rolls back exactly."
                        : "Verified: applies, matches the entities and rolls back exactly.", engine.desired(),
                        engine.renderOptions()));
                root.out().flush();
                return ExitCode.OK;
            }
            root.out().println("Wrote " + file + " (" + created.changes().size() + " changeSet(s)" + (noVerify ? ""
                    : created.verifiedFromDatabase() ? ", verified from the database as it is: applies, matches the"
                    + " entities and rolls back exactly" : ", verified: applies, matches the entities and rolls back"
                    + " exactly") + ")");
            root.info("Review it, then run " + Program.command("upgrade"));
            return ExitCode.OK;
        });
    }

    /** One line when an entity source is newer than its class: the migration would come from the old classes. */
    private void warnIfStale(Engine engine) {
        List<java.nio.file.Path> classes = engine.options().classpath();
        List<String> configured = java.util.Arrays.stream(root.setting("sources", "").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        StaleSources.find(StaleSources.sourceRoots(root.projectRoot(), configured, classes), classes,
                engine.options().packages()).ifPresent(stale -> {
            String build = stale.classes().toString().contains("/build/classes/") ? "./gradlew classes" : "mvn compile";
            root.err().println("warning: entity sources are newer than the compiled classes ("
                    + stale.source().getFileName() + "): compile first (" + build + ")");
            root.err().flush();
        });
    }

    /**
     * Drops and adds that look like renames: with --accept-drops they stand; at a terminal the user is asked about
     * each; anywhere else (CI, a hook) nothing is written and the exact options are printed.
     */
    private Optional<List<Renames.Request>> decide(List<Renames.Suggestion> suggestions) {
        if (acceptDrops) {
            return Optional.of(List.of());
        }
        if (root.prompt == null) {
            return Optional.empty();
        }
        root.clearProgress();
        List<Renames.Request> accepted = new ArrayList<>();
        List<GitRenames.FieldRename> inGit = GitRenames.read(root.workDir());
        for (Renames.Suggestion s : suggestions) {
            String evidence = GitRenames.explaining(inGit, s).map(r -> " The working tree " + r.describe() + ".")
                    .orElse("");
            String answer = root.prompt.apply(s.dropped() + " is dropped and " + s.added() + " added." + evidence
                    + " Is it a rename (" + s.request().option() + ", keeps the values)? [y/N] ");
            if (answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                accepted.add(s.request());
            }
        }
        return Optional.of(accepted);
    }
}
