package dev.jpamigrate;

/** A failure a user can act on; its message is one line that says what went wrong and what to do. */
public class MigrateException extends RuntimeException {
    private final int exitCode;

    public MigrateException(String message) {
        this(message, null);
    }

    public MigrateException(String message, Throwable cause) {
        this(message, cause, 2);
    }

    public MigrateException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code this failure maps to. */
    public int exitCode() {
        return exitCode;
    }
}
