package dev.rustbin.cli.report;

import dev.rustbin.cli.export.JsonText;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** One SQL answer as the report shows it and embeds it: the statement, column labels, rows of JDBC values. */
record QueryResult(String sql, List<String> columns, List<List<Object>> rows) {

    static QueryResult run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(meta.getColumnLabel(c));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns.size(); c++) {
                    row.add(result.getObject(c));
                }
                rows.add(row);
            }
            return new QueryResult(sql, List.copyOf(columns), rows);
        }
    }

    int column(String label) {
        int index = columns.indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + label + " in " + sql);
        }
        return index;
    }

    /** A numeric cell as a long (0 for NULL): byte counts and row counts all fit. */
    static long number(List<Object> row, int column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    static String text(List<Object> row, int column) {
        Object value = row.get(column);
        return value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    /** {"sql": ..., "columns": [...], "rows": [[...]]}, numbers exact (see {@link JsonText}). */
    StringBuilder appendJson(StringBuilder out) {
        JsonText.quote(out.append("{\"sql\": "), sql).append(", \"columns\": [");
        for (int c = 0; c < columns.size(); c++) {
            JsonText.quote(out.append(c > 0 ? ", " : ""), columns.get(c));
        }
        out.append("], \"rows\": [");
        for (int r = 0; r < rows.size(); r++) {
            out.append(r > 0 ? ",\n  [" : "\n  [");
            List<Object> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                out.append(c > 0 ? ", " : "");
                Object value = row.get(c);
                if (value == null) {
                    out.append("null");
                } else if (value instanceof Boolean flag) {
                    out.append(flag);
                } else if (value instanceof BigDecimal || value instanceof Long || value instanceof Integer) {
                    JsonText.exactNumber(out, new BigDecimal(value.toString()));
                } else if (value instanceof Number number) {
                    out.append(number);
                } else {
                    JsonText.quote(out, value.toString());
                }
            }
            out.append(']');
        }
        return out.append("]}");
    }
}
