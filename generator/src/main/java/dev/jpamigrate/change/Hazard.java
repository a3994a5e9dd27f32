package dev.jpamigrate.change;

/** Something about a change that a reviewer must know before it runs on a database with data. */
public enum Hazard {
    /** Rows or values are removed and only a backup brings them back. */
    DELETES_DATA("deletes data"),
    /** Existing values are converted; a narrowing conversion can round, truncate or fail. */
    CONVERTS_DATA("converts existing values; narrowing can lose precision or fail"),
    /** Date-times are read in a time zone to convert between timestamp and timestamptz (the USING clause names it). */
    REINTERPRETS_TIMES("reinterprets stored date-times in time zone"),
    /** The statement checks every existing row and fails if one does not comply. */
    VALIDATES_ROWS("fails if existing rows do not comply"),
    /** The whole table is rewritten under an ACCESS EXCLUSIVE lock. */
    REWRITES_TABLE("rewrites the table under an exclusive lock");

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
