package dev.jpamigrate.inspect;

import dev.jpamigrate.schema.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.*;

/** Reads a database's schema from pg_catalog: one query per object kind, whatever the number of tables. */
public final class CatalogInspector {
    private CatalogInspector() {
    }

    /**
     * Reads with an empty search_path, as pg_dump does, so that every expression, type and reference comes out
     * schema-qualified and the SQL rendered from it means the same thing whatever search_path it later runs under.
     */
    public static Schema inspect(Connection connection) throws SQLException {
        String searchPath;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('search_path') as search_path, set_config('search_path', '', false)")) {
            rs.next();
            searchPath = rs.getString("search_path");
        }
        try {
            return read(connection);
        } finally {
            try (var ps = connection.prepareStatement("select set_config('search_path', ?, false)")) {
                ps.setString(1, searchPath);
                ps.execute();
            }
        }
    }

    private static Schema read(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        List<Extension> extensions = new ArrayList<>();
        List<EnumType> enums = new ArrayList<>();
        List<Sequence> sequences = new ArrayList<>();
        Map<QualifiedName, String> tableComments = new LinkedHashMap<>();
        Map<QualifiedName, List<Column>> columns = new HashMap<>();
        Map<QualifiedName, List<Constraint>> constraints = new HashMap<>();
        Map<QualifiedName, List<Index>> indexes = new HashMap<>();

        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery(CatalogQueries.SCHEMAS)) {
                while (rs.next()) {
                    schemas.add(rs.getString("schema_name"));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.EXTENSIONS)) {
                while (rs.next()) {
                    extensions.add(new Extension(rs.getString("name"), rs.getString("schema")));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.ENUMS)) {
                while (rs.next()) {
                    enums.add(new EnumType(name(rs, "type_name"), strings(rs, "labels")));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.SEQUENCES)) {
                while (rs.next()) {
                    ColumnRef owner = rs.getString("owner_table") == null ? null
                            : new ColumnRef(new QualifiedName(rs.getString("owner_schema"), rs.getString("owner_table")),
                            rs.getString("owner_column"));
                    sequences.add(new Sequence(name(rs, "sequence_name"), rs.getString("data_type"),
                            rs.getLong("seqstart"), rs.getLong("seqincrement"), rs.getLong("seqmin"),
                            rs.getLong("seqmax"), rs.getLong("seqcache"), rs.getBoolean("seqcycle"), owner));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.TABLES)) {
                while (rs.next()) {
                    tableComments.put(name(rs, "table_name"), rs.getString("table_comment"));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.COLUMNS)) {
                while (rs.next()) {
                    String identityKind = rs.getString("attidentity");
                    Identity identity = identityKind == null || identityKind.isEmpty() ? null
                            : new Identity("a".equals(identityKind), rs.getLong("seqstart"), rs.getLong("seqincrement"),
                            rs.getLong("seqmin"), rs.getLong("seqmax"), rs.getLong("seqcache"), rs.getBoolean("seqcycle"));
                    columns.computeIfAbsent(name(rs, "table_name"), k -> new ArrayList<>()).add(new Column(
                            rs.getString("attname"), rs.getString("type"), rs.getString("typcategory"),
                            rs.getBoolean("attnotnull"), rs.getString("default_expr"), identity,
                            rs.getString("generated_expr"), rs.getString("column_comment")));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.CONSTRAINTS)) {
                while (rs.next()) {
                    QualifiedName references = rs.getString("references_table") == null ? null
                            : new QualifiedName(rs.getString("references_schema"), rs.getString("references_table"));
                    constraints.computeIfAbsent(name(rs, "table_name"), k -> new ArrayList<>()).add(new Constraint(
                            rs.getString("conname"), Constraint.Kind.of(rs.getString("contype")),
                            strings(rs, "columns"), rs.getString("definition"), references));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.INDEXES)) {
                while (rs.next()) {
                    indexes.computeIfAbsent(name(rs, "table_name"), k -> new ArrayList<>()).add(new Index(
                            rs.getString("index_name"), rs.getString("definition"), rs.getBoolean("indisunique")));
                }
            }
        }

        List<Table> tables = new ArrayList<>();
        tableComments.forEach((name, comment) -> tables.add(new Table(name,
                columns.getOrDefault(name, List.of()), constraints.getOrDefault(name, List.of()),
                indexes.getOrDefault(name, List.of()), comment)));
        return new Schema(schemas, extensions, enums, sequences, tables);
    }

    /** The object's name, qualified by the row's {@code schema_name}. */
    private static QualifiedName name(ResultSet rs, String column) throws SQLException {
        return new QualifiedName(rs.getString("schema_name"), rs.getString(column));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
