package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a command throws, Errors included, ends as one line and exit 2; exit 1 stays drift. picocli hands only
 * Exceptions to the execution exception handler, so an Error used to escape as a stack trace and exit 1.
 */
class FailureHandlingTest {
    @TempDir
    Path work;

    /** A command that fails with the given throwable. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Throwable failure;

        Boom(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            if (failure instanceof Error e) {
                throw e;
            }
            throw (Exception) failure;
        }
    }

    private record Result(int exit, String err) {
    }

    private Result run(Throwable failure, String... args) {
        CommandLine cl = MigrateCommand.commandLine(Map.of(), work);
        cl.addSubcommand("boom", new Boom(failure));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        assertThat(out.toString()).as("nothing on stdout").isEmpty();
        return new Result(exit, err.toString());
    }

    @Test
    void anErrorIsOneLineAndExit2() {
        Result r = run(new NoClassDefFoundError("com/acme/base/AuditedEntity"), "boom");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err().strip().lines().toList()).containsExactly(
                "error: unexpected NoClassDefFoundError: com/acme/base/AuditedEntity (run with --verbose for details)");
    }

    @Test
    void anErrorWithoutMessage() {
        Result r = run(new StackOverflowError(), "boom");
        assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err().strip().lines().toList()).containsExactly(
                "error: unexpected StackOverflowError (run with --verbose for details)");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Result r = run(new NoClassDefFoundError("com/acme/base/AuditedEntity"), "--verbose", "boom");
        assertThat(r.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).startsWith("error: unexpected NoClassDefFoundError: com/acme/base/AuditedEntity\n")
                .contains("java.lang.NoClassDefFoundError: com/acme/base/AuditedEntity", "\tat ");
    }

    @Test
    void theFailureInsideACompletionExceptionIsReported() {
        Result known = run(new CompletionException(new MigrateException("cannot load entity com.acme.app.Customer")),
                "boom");
        assertThat(known.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(known.err().strip().lines().toList()).containsExactly("error: cannot load entity com.acme.app.Customer");

        Result unknown = run(new CompletionException(new NoClassDefFoundError("com/acme/base/Address")), "boom");
        assertThat(unknown.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(unknown.err().strip().lines().toList()).containsExactly(
                "error: unexpected NoClassDefFoundError: com/acme/base/Address (run with --verbose for details)");
    }
}
