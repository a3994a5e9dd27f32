package dev.jpamigrate.change;

/** Something about a change that a reviewer must know before it runs on a database with data. */
public enum Hazard {
    /** Rows or values are removed and only a backup brings them back. */
    DELETES_DATA("deletes data"),
    /** Existing values are converted; a narrowing conversion can round, truncate or fail. */
    CONVERTS_DATA("converts existing values; narrowing can lose precision or fail"),
    /** Date-times are read in a time zone to convert between timestamp and timestamptz (the USING clause names it). */
    REINTERPRETS_TIMES("reinterprets stored date-times in time zone " + Hazard.TIME_ZONE),
    /** The statement checks every existing row and fails if one does not comply. */
    VALIDATES_ROWS("fails if existing rows do not comply"),
    /** The whole table is rewritten under an ACCESS EXCLUSIVE lock. */
    REWRITES_TABLE("rewrites the table under an exclusive lock");

    /**
     * The zone a {@code timestamp} (without time zone) holds its values in when a migration converts it to or from
     * {@code timestamptz}: written into the USING clause, so the result never depends on the session running it.
     */
    public static final String TIME_ZONE = "UTC";

    private final String words;

    Hazard(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
