package dev.jpamigrate.change;

/** Something about a change that a reviewer must know before it runs on a database with data. */
public enum Hazard {
    /** Rows or values are removed and only a backup brings them back. */
    DELETES_DATA("deletes data"),
    /** Existing values are converted; a narrowing conversion can round, truncate or fail. */
    CONVERTS_DATA("converts existing values; narrowing can lose precision or fail"),
    /** The statement checks every existing row and fails if one does not comply. */
    VALIDATES_ROWS("fails if existing rows do not comply"),
    /** The whole table is rewritten under an ACCESS EXCLUSIVE lock. */
    REWRITES_TABLE("rewrites the table under an exclusive lock");

    private final String words;

    Hazard(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
