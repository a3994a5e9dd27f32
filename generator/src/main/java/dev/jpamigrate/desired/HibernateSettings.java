package dev.jpamigrate.desired;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The user's {@code hibernate.*} and {@code jakarta.persistence.*} settings, split into those applied to the metadata
 * build and those ignored. The ignored ones would point Hibernate at a database, change the dialect, or turn the
 * script export that the tool reads into something else. Every other key is applied as the application's Hibernate
 * applies it: type preferences, naming strategies (class names, loaded from the entity class path), the default
 * schema and catalog, the time zone storage, the column ordering strategy, and so on.
 */
public record HibernateSettings(Map<String, String> applied, Map<String, String> ignored) {
    /** What the tool always sets itself, with the reason a user's value for it is ignored. */
    private static final List<Map.Entry<String, String>> FIXED = List.of(
            // no database is read while the metadata is built
            Map.entry("hibernate.connection.", "the DDL is generated without a connection"),
            Map.entry("jakarta.persistence.jdbc.", "the DDL is generated without a connection"),
            Map.entry("javax.persistence.jdbc.", "the DDL is generated without a connection"),
            Map.entry("jakarta.persistence.jtaDataSource", "the DDL is generated without a connection"),
            Map.entry("jakarta.persistence.nonJtaDataSource", "the DDL is generated without a connection"),
            Map.entry("hibernate.boot.allow_jdbc_metadata_access", "the DDL is generated without a connection"),
            Map.entry("hibernate.temp.use_jdbc_metadata_defaults", "the DDL is generated without a connection"),
            // the DDL is PostgreSQL's, for the version the scratch databases run
            Map.entry("hibernate.dialect", "the DDL is always PostgreSQL 15's"),
            Map.entry("jakarta.persistence.database-product-name", "the DDL is always PostgreSQL 15's"),
            Map.entry("jakarta.persistence.database-product-version", "the DDL is always PostgreSQL 15's"),
            Map.entry("jakarta.persistence.database-major-version", "the DDL is always PostgreSQL 15's"),
            Map.entry("jakarta.persistence.database-minor-version", "the DDL is always PostgreSQL 15's"),
            // the schema export: a create script the tool reads statement by statement
            Map.entry("hibernate.hbm2ddl.auto", "the tool runs the schema export itself, as a create script"),
            Map.entry("jakarta.persistence.schema-generation.", "the tool runs the schema export itself, as a create script"),
            Map.entry("hibernate.hbm2ddl.schema-generation.", "the tool runs the schema export itself, as a create script"),
            Map.entry("jakarta.persistence.create-database-schemas", "schemas are always created with their tables"),
            Map.entry("hibernate.hbm2ddl.create_namespaces", "schemas are always created with their tables"),
            Map.entry("hibernate.hbm2ddl.delimiter", "the tool splits the script at its own delimiter"),
            Map.entry("hibernate.hbm2ddl.halt_on_error", "a statement Hibernate cannot generate always stops the run"),
            Map.entry("hibernate.hbm2ddl.import_files", "data load scripts are not schema"),
            Map.entry("hibernate.hbm2ddl.skip_default_import_file", "data load scripts are not schema"),
            Map.entry("jakarta.persistence.sql-load-script-source", "data load scripts are not schema"),
            Map.entry("hibernate.format_sql", "the tool reads the script as Hibernate writes it unformatted"),
            Map.entry("hibernate.show_sql", "the tool prints no SQL log"),
            Map.entry("hibernate.highlight_sql", "the tool prints no SQL log"));

    public HibernateSettings {
        applied = Collections.unmodifiableMap(new TreeMap<>(applied));
        ignored = Collections.unmodifiableMap(new TreeMap<>(ignored));
    }

    public static HibernateSettings none() {
        return new HibernateSettings(Map.of(), Map.of());
    }

    /** Whether a key is one this tool passes to Hibernate at all: {@code hibernate.*} or {@code jakarta.persistence.*}. */
    public static boolean isHibernateKey(String key) {
        return key.startsWith("hibernate.") || key.startsWith("jakarta.persistence.");
    }

    public static HibernateSettings of(Map<String, String> settings) {
        Map<String, String> applied = new TreeMap<>();
        Map<String, String> ignored = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (fixed(key).isPresent()) {
                ignored.put(key, value);
            } else {
                applied.put(key, value);
            }
        });
        return new HibernateSettings(applied, ignored);
    }

    /** Why the tool ignores {@code key}, if it does. An entry that ends with a dot names every key under it. */
    public static Optional<String> fixed(String key) {
        return FIXED.stream().filter(e -> e.getKey().endsWith(".") ? key.startsWith(e.getKey())
                        : key.equals(e.getKey()) || key.startsWith(e.getKey() + "."))
                .map(Map.Entry::getValue).findFirst();
    }

    /** The value of an applied setting. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(applied.get(key));
    }
}
