package dev.jpamigrate.schema;

/** An index that does not back a constraint; {@code definition} is {@code pg_get_indexdef}. */
public record Index(String name, String definition, boolean unique) implements java.io.Serializable {

    /** The definition without the index's own name, to recognise the same index under another name. */
    public String shape() {
        // the name is an identifier, quoted (and then possibly with spaces and doubled quotes) or not
        return definition.replaceFirst("^(CREATE (UNIQUE )?INDEX )(?:\"(?:[^\"]|\"\")*\"|\\S+) ", "$1");
    }
}
