package dev.rustbin.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/** A JSON array of objects keyed by column label; numbers and booleans unquoted, bytes as hex strings. */
final class JsonFormat implements ResultFormat {

    @Override
    public void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        out.print('[');
        boolean first = true;
        StringBuilder object = new StringBuilder();
        while (rows.next()) {
            object.setLength(0);
            object.append(first ? "\n  {" : ",\n  {");
            first = false;
            for (int c = 1; c <= columns; c++) {
                if (c > 1) {
                    object.append(", ");
                }
                quote(object, meta.getColumnLabel(c)).append(": ");
                String text = CellText.of(rows, c);
                if (text == null) {
                    object.append("null");
                } else if (isBare(meta.getColumnType(c))) {
                    object.append(text);
                } else {
                    quote(object, text);
                }
            }
            out.print(object.append('}'));
        }
        out.println(first ? "]" : "\n]");
    }

    private static boolean isBare(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.REAL, Types.FLOAT, Types.DOUBLE, Types.BOOLEAN -> true;
            default -> false;
        };
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"');
    }
}
