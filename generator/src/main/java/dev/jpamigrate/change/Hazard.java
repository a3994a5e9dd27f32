package dev.jpamigrate.change;

/** Something about a change that a reviewer must know before it runs on a database with data. */
public enum Hazard {
    /** Rows or values are removed, or cut and rounded to fit a narrower type; only a backup brings them back. */
    DELETES_DATA("deletes data"),
    /** Existing values are converted to another type; one that does not convert or fit fails the migration. */
    CONVERTS_DATA("converts existing values; one that does not convert or fit fails the migration"),
    /** Date-times are read in a time zone to convert between timestamp and timestamptz (the USING clause names it). */
    REINTERPRETS_TIMES("reinterprets stored date-times in time zone"),
    /** The statement checks every existing row and fails if one does not comply. */
    VALIDATES_ROWS("checks every existing row; fails if one does not comply"),
    /** The whole table is rewritten. */
    REWRITES_TABLE("rewrites the table"),
    /** An ACCESS EXCLUSIVE lock is held for longer than a catalog update: reads and writes of the table wait. */
    LOCKS_TABLE("holds an ACCESS EXCLUSIVE lock while it scans or rewrites the table"),
    /** Writes to the table wait: an index built without CONCURRENTLY, a foreign key validating under SHARE ROW EXCLUSIVE. */
    BLOCKS_WRITES("blocks writes to the table while it runs"),
    /** The rollback re-creates what was dropped empty, or cannot restore values that were cut. */
    ROLLBACK_LOSES_DATA("its rollback cannot bring the data back");

    private final String words;

    Hazard(String words) {
        this.words = words;
    }

    /**
     * The hazard for people. {@code timeZone} is the zone the migration converts date-times in (the renderer's),
     * which {@link #REINTERPRETS_TIMES} names.
     */
    public String words(String timeZone) {
        return this == REINTERPRETS_TIMES ? words + " " + timeZone : words;
    }
}
