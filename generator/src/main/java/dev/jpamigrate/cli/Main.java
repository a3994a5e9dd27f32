package dev.jpamigrate.cli;

import dev.jpamigrate.db.DbUrl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/** The {@code migrate} launcher's entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = MigrateCommand.commandLine(System.getenv(), Path.of("").toAbsolutePath()).execute(args);
        } catch (Throwable e) {
            // The command line words every failure of a command; this is for one outside them (while parsing, or
            // in a handler), which the JVM would print as a stack trace and exit 1, the code for drift.
            boolean verbose = List.of(args).contains("-v") || List.of(args).contains("--verbose");
            System.err.println("error: " + DbUrl.mask("unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s*\\n\\s*", " "))
                    + (verbose ? "" : " (run with --verbose for details)")));
            if (verbose) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                System.err.print(DbUrl.mask(trace.toString()));
            }
            code = ExitCode.ERROR;
        }
        System.exit(code);
    }
}
