package ai.cinboard.testing;

import ai.cinboard.persistence.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every media URL the database points at, read straight from the tables: each {@code *_url} column and each
 * element of each {@code *_urls} array column, so a new table with media is covered without editing tests.
 */
public final class StoredUrls {
    private StoredUrls() {}

    public static List<String> all(Database database) {
        return database.read(s -> {
            try {
                return read(s.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<String> read(Connection c) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                                + " AND (column_name LIKE '%\\_url' OR column_name LIKE '%\\_urls') ORDER BY 1, 2")) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("no *_url columns found; has the schema changed?");
        }
        List<String> urls = new ArrayList<>();
        for (String[] col : columns) {
            String value = col[1].endsWith("_urls") ? "unnest(" + col[1] + ")" : col[1];
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT u FROM (SELECT " + value + " AS u FROM " + col[0] + ") x WHERE u IS NOT NULL")) {
                while (rs.next()) {
                    urls.add(rs.getString(1));
                }
            }
        }
        return urls;
    }
}
