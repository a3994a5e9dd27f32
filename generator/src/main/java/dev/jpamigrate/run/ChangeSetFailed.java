package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;

/**
 * A run that failed inside one changeSet: the failure as Liquibase reported it, and the changeSet as Liquibase handed
 * it to the run's listener, so that nobody has to find the file in the message's words.
 */
public final class ChangeSetFailed extends MigrateException {
    private final String file;
    private final String id;
    private final String author;

    ChangeSetFailed(MigrateException failure, String file, String id, String author) {
        super(failure.text(), failure.getCause(), failure.kind());
        this.file = file;
        this.id = id;
        this.author = author;
        setStackTrace(failure.getStackTrace());
    }

    /** The changelog path of the failing changeSet, as the master includes it. */
    public String file() {
        return file;
    }

    public String id() {
        return id;
    }

    public String author() {
        return author;
    }
}
