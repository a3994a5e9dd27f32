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
             ResultSet rs = st.executeQuery("select current_setting('search_path'), set_config('search_path', '', false)")) {
            rs.next();
            searchPath = rs.getString(1);
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

    /** The extensions installed in the database, each after those it requires. */
    public static List<Extension> extensions(Connection connection) throws SQLException {
        List<Extension> extensions = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(CatalogQueries.EXTENSIONS)) {
            while (rs.next()) {
                extensions.add(new Extension(rs.getString("extname"), rs.getString("nspname")));
            }
        }
        return extensions;
    }

    private static Schema read(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        List<EnumType> enums = new ArrayList<>();
        List<Sequence> sequences = new ArrayList<>();
        Map<QualifiedName, String> tableComments = new LinkedHashMap<>();
        Map<QualifiedName, List<Column>> columns = new HashMap<>();
        Map<QualifiedName, List<Constraint>> constraints = new HashMap<>();
        Map<QualifiedName, List<Index>> indexes = new HashMap<>();

        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery(CatalogQueries.SCHEMAS)) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.ENUMS)) {
                while (rs.next()) {
                    enums.add(new EnumType(name(rs, 1), strings(rs, 3)));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.SEQUENCES)) {
                while (rs.next()) {
                    ColumnRef owner = rs.getString(11) == null ? null
                            : new ColumnRef(new QualifiedName(rs.getString(10), rs.getString(11)), rs.getString(12));
                    sequences.add(new Sequence(name(rs, 1), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9), owner));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.TABLES)) {
                while (rs.next()) {
                    tableComments.put(name(rs, 1), rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.COLUMNS)) {
                while (rs.next()) {
                    String identityKind = rs.getString(9);
                    Identity identity = identityKind == null || identityKind.isEmpty() ? null
                            : new Identity("a".equals(identityKind), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                            rs.getLong(13), rs.getLong(14), rs.getBoolean(15));
                    columns.computeIfAbsent(name(rs, 1), k -> new ArrayList<>()).add(new Column(rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7), identity,
                            rs.getString(8), rs.getString(16)));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.CONSTRAINTS)) {
                while (rs.next()) {
                    QualifiedName references = rs.getString(8) == null ? null
                            : new QualifiedName(rs.getString(7), rs.getString(8));
                    constraints.computeIfAbsent(name(rs, 1), k -> new ArrayList<>()).add(new Constraint(
                            rs.getString(3), Constraint.Kind.of(rs.getString(4)), strings(rs, 6), rs.getString(5),
                            references));
                }
            }
            try (ResultSet rs = st.executeQuery(CatalogQueries.INDEXES)) {
                while (rs.next()) {
                    indexes.computeIfAbsent(name(rs, 1), k -> new ArrayList<>())
                            .add(new Index(rs.getString(3), rs.getString(4), rs.getBoolean(5)));
                }
            }
        }

        List<Table> tables = new ArrayList<>();
        tableComments.forEach((name, comment) -> tables.add(new Table(name,
                columns.getOrDefault(name, List.of()), constraints.getOrDefault(name, List.of()),
                indexes.getOrDefault(name, List.of()), comment)));
        return new Schema(schemas, enums, sequences, tables);
    }

    private static QualifiedName name(ResultSet rs, int column) throws SQLException {
        return new QualifiedName(rs.getString(column), rs.getString(column + 1));
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
