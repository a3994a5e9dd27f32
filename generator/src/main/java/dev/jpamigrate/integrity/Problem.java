package dev.jpamigrate.integrity;

import dev.jpamigrate.Text;

import java.util.List;

/**
 * One thing wrong with the changelogs or their history: what it is, the files involved, and how to fix it. The
 * message and the fix are data ({@link Text}): the report words them, commands in the launcher's words.
 */
public record Problem(Kind kind, List<String> files, Text message, Text fix) {
    public Problem {
        files = List.copyOf(files);
    }

    /** The kinds of integrity failure {@code check} reports; each name is part of the JSON contract. */
    public enum Kind {
        /** A migration file changed after the database applied it (Liquibase checksum mismatch). */
        CHANGELOG_EDITED,
        /** The database applied a changeSet that no changelog holds any more. */
        CHANGESET_REMOVED,
        /** The master includes a file before an older one: created on parallel branches. */
        OUT_OF_ORDER,
        /** A changeSet is pending on the database although a file after it is already applied. */
        APPLIED_OUT_OF_ORDER,
        /** The changelogs do not replay on an empty database: two migrations conflict, or a file is broken. */
        REPLAY_FAILED,
        /** The database has tables but no migration history: it was built outside the migrations. */
        UNTRACKED_SCHEMA
    }
}
