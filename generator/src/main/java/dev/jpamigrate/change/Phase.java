package dev.jpamigrate.change;

/**
 * Where a change runs in a migration. Dependencies go away before what they depend on, and arrive after. An extension
 * arrives right after the schema it goes in and before anything that can use its types, functions or operator classes
 * (types, column changes, tables, indexes); it goes away after all of them, and before its schema. Renames the user
 * asked for come first (after any schema a table moves to): the rest of the migration is computed against the
 * renamed objects.
 */
public enum Phase {
    RENAME_OBJECTS, DROP_FOREIGN_KEYS, DROP_INDEXES, DROP_CONSTRAINTS, DROP_DEFAULTS, RENAMES, RELEASE_SEQUENCES, CREATE_SCHEMAS,
    CREATE_EXTENSIONS, CREATE_TYPES, CREATE_SEQUENCES, DROP_COLUMNS, ALTER_COLUMNS, DROP_TABLES, CREATE_TABLES,
    ADD_COLUMNS, ADD_CONSTRAINTS, CREATE_INDEXES, ADD_FOREIGN_KEYS, OWN_SEQUENCES, COMMENTS, DROP_SEQUENCES, DROP_TYPES,
    DROP_EXTENSIONS, DROP_SCHEMAS
}
