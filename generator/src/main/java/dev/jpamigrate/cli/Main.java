package dev.jpamigrate.cli;

import dev.jpamigrate.db.DbUrl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The {@code migrate} launcher's entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // An slf4j-api 2 that the entities' class path brings without a provider would print its "No SLF4J providers"
        // warning on every run; the tool logs nothing through it.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, System.getenv(), Path.of("").toAbsolutePath(), out, err);
        while (dev.jpamigrate.db.Cleanup.shutdownStarted()) {
            // a signal is ending the run: the JVM exits with its status (130, 143) once the hooks are done
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        System.exit(code);
    }

    /**
     * Runs one command line as the launcher does, without exiting the JVM: the entry for a program that embeds the
     * tool (the Maven plugin calls it in a class loader of its own, so it takes and returns only JDK types).
     *
     * @param env     the environment the command sees (DATABASE_URL, PGUSER, MIGRATE_CACHE_DIR, ...)
     * @param workDir where the command runs: the project root is found from here, relative options resolve here
     * @return the exit code: 0 ok, 1 drift or failed check, 2 usage, configuration or connection error
     */
    public static int run(String[] args, Map<String, String> env, Path workDir, PrintWriter out, PrintWriter err) {
        try {
            picocli.CommandLine cl = MigrateCommand.commandLine(env, workDir, args);
            cl.setOut(out);
            cl.setErr(err);
            return cl.execute(args);
        } catch (Throwable e) {
            // The command line words every failure of a command; this is for one outside them (while parsing, or
            // in a handler), which the JVM would print as a stack trace and exit 1, the code for drift.
            boolean verbose = List.of(args).contains("-v") || List.of(args).contains("--verbose");
            err.println("error: " + DbUrl.mask("unexpected " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s*\\n\\s*", " "))
                    + (verbose ? "" : " (run with --verbose for details)")));
            if (verbose) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err.print(DbUrl.mask(trace.toString()));
            }
            return ExitCode.ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
