package dev.jpamigrate.db;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small shell, started beside an embedded PostgreSQL, that outlives this JVM. It waits on its stdin, a pipe only this
 * JVM holds: however the JVM dies, even by {@code kill -9}, the pipe closes, and the shell stops the postmaster named in
 * the data directory's {@code postmaster.pid} and removes the directory. A JVM that cleans up itself disarms it first.
 */
final class Watchdog {
    /**
     * $1 is the postmaster.pid to read when the JVM is gone, $2 the directory to remove. Ctrl-C and SIGTERM reach the
     * whole process group: the shell ignores them and lets the JVM's hook do the stopping, then finds nothing left.
     * SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, the directory is deleted anyway. The postmaster
     * removes postmaster.pid as it exits, after its children; its pid can outlive it for a while as a zombie (an
     * orphan waits for PID 1 to reap it), so the file, not kill -0, says when it is gone.
     */
    private static final String SCRIPT = """
            trap '' INT TERM HUP
            read -r word
            [ "$word" = disarm ] && exit 0
            { read -r pid < "$1"; } 2>/dev/null
            case "$pid" in
              ''|*[!0-9]*) ;;
              *) if kill -QUIT "$pid" 2>/dev/null; then
                   n=0
                   while [ -f "$1" ] && kill -0 "$pid" 2>/dev/null && [ "$n" -lt 250 ]; do
                     sleep 0.02 2>/dev/null || sleep 1
                     n=$((n + 1))
                   done
                 fi ;;
            esac
            rm -rf "$2"
            """;
    /** In a session of its own where there is setsid(1), so that killing the JVM's process group spares it too. */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Process process;
    private boolean settled;

    private Watchdog(Process process) {
        this.process = process;
    }

    static Watchdog arm(Path pidFile, Path remove) throws IOException {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(p -> command.add(p.toString()));
        command.addAll(List.of("sh", "-c", SCRIPT, "jpa-migrate-watchdog", pidFile.toString(), remove.toString()));
        return new Watchdog(new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start());
    }

    /** The owner has cleaned up itself: the shell exits without touching anything. */
    synchronized void disarm() {
        if (!settled) {
            settled = true;
            try (OutputStream in = process.getOutputStream()) {
                in.write("disarm\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException gone) {
                // the shell is gone already, and with it the only thing to disarm
            }
        }
    }

    /**
     * Stops the postmaster and removes the directory now, as if the JVM had died, and waits for it. False if the shell
     * did not finish in time (or had been disarmed).
     */
    synchronized boolean fire() {
        if (settled) {
            return false;
        }
        settled = true;
        try {
            process.getOutputStream().close();
            return process.waitFor(6, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
