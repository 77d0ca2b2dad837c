package dev.rustbin.cli;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * One row as a JSON object keyed by column label, for the json and ndjson formats. Values keep every
 * digit in every reader: an integer is a JSON number while its magnitude is at most 2^53 (exact in
 * the IEEE doubles JavaScript and jq read numbers into) and a string of its decimal digits beyond
 * (addresses at or above 2^53, hashes); bytes are lower-case hex strings; booleans are bare.
 */
final class JsonRow {

    /** The largest magnitude up to which every integer is exact as an IEEE double. */
    static final BigDecimal EXACT_IN_DOUBLE = BigDecimal.valueOf(1L << 53);

    private JsonRow() {
    }

    static StringBuilder append(StringBuilder object, ResultSet rows, ResultSetMetaData meta) throws SQLException {
        object.append('{');
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            if (c > 1) {
                object.append(", ");
            }
            quote(object, meta.getColumnLabel(c)).append(": ");
            String text = CellText.of(rows, c);
            if (text == null) {
                object.append("null");
            } else if (isBare(meta.getColumnType(c), text)) {
                object.append(text);
            } else {
                quote(object, text);
            }
        }
        return object.append('}');
    }

    private static boolean isBare(int sqlType, String text) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BOOLEAN -> true;
            case Types.BIGINT, Types.DECIMAL, Types.NUMERIC -> new BigDecimal(text).abs().compareTo(EXACT_IN_DOUBLE) <= 0;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> !text.equals("NaN") && !text.contains("Infinity");
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
