package dev.jpamigrate.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** Prints the bash/zsh completion script that picocli generates from the commands and options themselves. */
@Command(name = "completion", description = {"Print a bash/zsh completion script for every command and option.",
        "Load it in the current shell with: source <(jpa-migrate completion)"},
        footer = {"", "Examples:",
                "  ${COMMAND-FULL-NAME}",
                "      print the script; in bash or zsh: source <(jpa-migrate completion)",
                "  ${COMMAND-FULL-NAME} > ~/.bash_completion.d/jpa-migrate",
                "      install it for every new bash"})
final class CompletionCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "COMMAND", defaultValue = "jpa-migrate",
            description = "The command the script completes (default jpa-migrate).")
    String name;

    @Override
    public Integer call() {
        root.out().print(AutoComplete.bash(name, spec.root().commandLine()));
        root.out().flush();
        return ExitCode.OK;
    }
}
