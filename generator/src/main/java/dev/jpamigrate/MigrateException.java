package dev.jpamigrate;

/**
 * A failure a user can act on; its message is one line that says what went wrong and what to do. A message that names
 * commands is a {@link Text}, worded when read, in the words of the launcher that runs. What kind of failure it is
 * is data too ({@link Kind}); only the command line maps kinds to exit codes.
 */
public class MigrateException extends RuntimeException {
    /** What kind of failure: the command line maps each to its exit code. */
    public enum Kind {
        /** Anything else: bad configuration, a changelog that does not parse or apply, an unreadable file. */
        FAILED,
        /** The request cannot be done as asked: an unknown revision, nothing to revert, a target on the wrong side. */
        USAGE,
        /** The database cannot be reached or refuses the login. */
        CONNECTION,
        /** Another run holds the migration lock, or did not finish in time. */
        LOCKED,
        /** The work needs the database at head, and changeSets are pending on it: drift, not an error. */
        PENDING
    }

    private final Kind kind;
    private final Text text;

    public MigrateException(String message) {
        this(message, null);
    }

    public MigrateException(String message, Throwable cause) {
        this(message, cause, Kind.FAILED);
    }

    public MigrateException(String message, Throwable cause, Kind kind) {
        this(message == null ? null : Text.of(message), cause, kind);
    }

    public MigrateException(Text message, Throwable cause) {
        this(message, cause, Kind.FAILED);
    }

    public MigrateException(Text message, Throwable cause, Kind kind) {
        super(null, cause);
        this.text = message;
        this.kind = kind;
    }

    /** The message as data: words and the commands to run. */
    public Text text() {
        return text;
    }

    @Override
    public String getMessage() {
        return text == null ? null : Program.words(text);
    }

    public Kind kind() {
        return kind;
    }
}
