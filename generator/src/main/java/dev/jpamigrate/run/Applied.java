package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One row of Liquibase's DATABASECHANGELOG: a changeSet that ran, and from which migration file. */
public record Applied(String id, String author, String file, Instant executedAt, int order, String checksum) {
    private static final String QUERY = """
            select id, author, filename, dateexecuted, orderexecuted, md5sum
            from databasechangelog
            where exectype in ('EXECUTED', 'RERAN', 'MARK_RAN')
            order by orderexecuted, dateexecuted
            """;

    private static final String UNDEFINED_TABLE = "42P01";

    /** The rows, in the order they ran; none when Liquibase never ran on this database. */
    public static List<Applied> read(Connection c) {
        try {
            // in auto-commit one query does: a database where Liquibase never ran answers undefined_table; inside a
            // transaction that error would abort it, so the table is looked up first
            if (!c.getAutoCommit() && !tableExists(c)) {
                return List.of();
            }
            List<Applied> rows = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(4);
                    rows.add(new Applied(rs.getString(1), rs.getString(2), rs.getString(3),
                            at == null ? null : at.toInstant(), rs.getInt(5), rs.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return List.of();
            }
            throw new MigrateException("cannot read databasechangelog: " + e.getMessage(), e);
        }
    }

    private static boolean tableExists(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select to_regclass('databasechangelog') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
