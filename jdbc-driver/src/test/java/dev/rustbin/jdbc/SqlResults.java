package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rustbin.calcite.RustbinSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.jdbc.CalciteConnection;

/** Test-only: run a query and take its result as plain Java values. */
final class SqlResults {

    private SqlResults() {
    }

    static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The Arrow root allocator of a connection's rustbin schema, to check that queries leak nothing. */
    static BufferAllocator allocatorOf(Connection connection) throws SQLException {
        return connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema(RustbinSchema.NAME)
                .unwrap(RustbinSchema.class).allocator();
    }

    /** The one value of a one-row, one-column result. */
    static Object single(Connection connection, String sql) throws SQLException {
        List<List<Object>> rows = rows(connection, sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0).get(0);
    }

    /** A two-column result as a map from the first column (as text) to the second. */
    static Map<String, Object> pairs(Connection connection, String sql) throws SQLException {
        Map<String, Object> pairs = new TreeMap<>();
        for (List<Object> row : rows(connection, sql)) {
            pairs.put(String.valueOf(row.get(0)), row.get(1));
        }
        return pairs;
    }

    /** {@link #pairs} with numeric values as longs. */
    static Map<String, Long> counts(Connection connection, String sql) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        pairs(connection, sql).forEach((key, value) -> counts.put(key, ((Number) value).longValue()));
        return counts;
    }
}
