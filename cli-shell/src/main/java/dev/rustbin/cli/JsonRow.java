package dev.rustbin.cli;

import dev.rustbin.cli.export.JsonText;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * One row as a JSON object keyed by column label, for the json and ndjson formats: integers past 2^53
 * as strings (see {@link JsonText}), bytes as lower-case hex strings, booleans bare.
 */
final class JsonRow {

    private JsonRow() {
    }

    static StringBuilder append(StringBuilder object, ResultSet rows, ResultSetMetaData meta) throws SQLException {
        object.append('{');
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            if (c > 1) {
                object.append(", ");
            }
            JsonText.quote(object, meta.getColumnLabel(c)).append(": ");
            String text = CellText.of(rows, c);
            if (text == null) {
                object.append("null");
            } else {
                switch (meta.getColumnType(c)) {
                    case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BOOLEAN -> object.append(text);
                    case Types.BIGINT, Types.DECIMAL, Types.NUMERIC -> JsonText.exactNumber(object, new BigDecimal(text));
                    case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                        if (text.equals("NaN") || text.contains("Infinity")) {
                            JsonText.quote(object, text);
                        } else {
                            object.append(text);
                        }
                    }
                    default -> JsonText.quote(object, text);
                }
            }
        }
        return object.append('}');
    }
}
