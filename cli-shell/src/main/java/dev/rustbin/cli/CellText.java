package dev.rustbin.cli;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/** How a cell reads as text in every format: numbers in plain notation, bytes as hex. */
final class CellText {

    private CellText() {
    }

    /** The cell's text, or null for SQL NULL. */
    static String of(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value.toString();
    }
}
