package dev.rustbin.cli;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.TimeZone;

/**
 * Test-only: a query's rows, through any JDBC driver, with each cell as text: numbers in plain
 * notation, bytes as lower-case hex, timestamps as nanoseconds since the epoch, NULL as null.
 */
final class TextRows {

    private TextRows() {
    }

    static List<List<String>> of(Connection connection, String sql) throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    Object value = meta.getColumnType(c) == Types.TIMESTAMP ? result.getTimestamp(c, utc) : result.getObject(c);
                    row.add(value == null ? null
                            : value instanceof Timestamp t ? Long.toString(Math.floorDiv(t.getTime(), 1000L) * 1_000_000_000L + t.getNanos())
                            : value instanceof BigDecimal d ? d.toPlainString()
                            : value instanceof byte[] b ? HexFormat.of().formatHex(b)
                            : value.toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
