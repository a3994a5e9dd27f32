package dev.jpamigrate;

/**
 * A failure a user can act on; its message is one line that says what went wrong and what to do. A message that names
 * commands is a {@link Text}, worded when read, in the words of the launcher that runs.
 */
public class MigrateException extends RuntimeException {
    private final int exitCode;
    private final Text text;

    public MigrateException(String message) {
        this(message, null);
    }

    public MigrateException(String message, Throwable cause) {
        this(message, cause, 2);
    }

    public MigrateException(String message, Throwable cause, int exitCode) {
        this(message == null ? null : Text.of(message), cause, exitCode);
    }

    public MigrateException(Text message, Throwable cause) {
        this(message, cause, 2);
    }

    public MigrateException(Text message, Throwable cause, int exitCode) {
        super(null, cause);
        this.text = message;
        this.exitCode = exitCode;
    }

    /** The message as data: words and the commands to run. */
    public Text text() {
        return text;
    }

    @Override
    public String getMessage() {
        return text == null ? null : Program.words(text);
    }

    /** The process exit code this failure maps to. */
    public int exitCode() {
        return exitCode;
    }
}
