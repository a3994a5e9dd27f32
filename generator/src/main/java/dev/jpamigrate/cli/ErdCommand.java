package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.filter.Exclusions;
import dev.jpamigrate.report.ErDiagram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** Draws the entities' schema as a Mermaid erDiagram. */
@Command(name = "erd", description = {"Write a Mermaid erDiagram of the entities' schema (tables, columns, keys and"
        + " foreign keys), as the migrations would build it.",
        "To stdout, or to --output FILE: a .md file gets a ```mermaid block that GitHub renders, any other (.mmd) the"
                + " bare diagram."})
final class ErdCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the diagram here instead of stdout: FILE.md wraps it in a ```mermaid block.")
    Path output;

    @Option(names = "--tables", split = ",", paramLabel = "PATTERN",
            description = "Only these tables: a name glob (* and ?) or schema.name, as --exclude; repeatable.")
    List<String> tables = List.of();

    @Override
    public Integer call() {
        Exclusions only = Exclusions.parse(tables);
        return root.withEngine(false, MigrateCommand.IfNoChangelogs.UNUSED, engine -> {
            ErDiagram.Diagram d = ErDiagram.of(engine.desired(), name -> only.isEmpty() || only.excludes(name));
            if (!only.isEmpty() && d.drawn() == 0) {
                throw new MigrateException("no table of the entities matches --tables " + String.join(",",
                        only.patterns()), null, MigrateException.Kind.USAGE);
            }
            if (output == null) {
                root.out().print(d.text());
                root.out().flush();
                return ExitCode.OK;
            }
            Path file = root.workDir().resolve(output);
            String text = file.getFileName().toString().endsWith(".md") ? d.fenced() : d.text();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new MigrateException("cannot write " + file + ": " + e.getMessage(), e);
            }
            root.info("Wrote " + output + " (" + d.drawn() + " table(s))");
            return ExitCode.OK;
        });
    }
}
