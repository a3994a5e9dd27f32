package dev.jpamigrate.testing;

import dev.jpamigrate.cli.MigrateCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the command line in-process, the way picocli's own tests do, with a fixed clock and revision ids. */
public final class Cli {
    private final Path workDir;
    private final Map<String, String> env;
    private final AtomicInteger revisions = new AtomicInteger();
    private Instant now = Instant.parse("2026-11-23T20:14:00Z");

    public Cli(Path workDir) {
        this(workDir, Map.of());
    }

    public Cli(Path workDir, Map<String, String> env) {
        this.workDir = workDir;
        this.env = env;
    }

    /** The outcome of one command. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private java.util.function.Function<String, String> prompt;

    /** The next runs have someone at the terminal answering every question with {@code answer}. */
    public Cli answering(String answer) {
        this.prompt = question -> answer;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        now = now.plusSeconds(60); // each run a minute later, so files sort in creation order
        CommandLine cl = MigrateCommand.commandLine(env, workDir, clock,
                () -> String.format("%06x", 0xa1b2c0 + revisions.incrementAndGet()), prompt);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
