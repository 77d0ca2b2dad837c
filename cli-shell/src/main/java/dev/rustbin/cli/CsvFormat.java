package dev.rustbin.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** RFC 4180 CSV: a header line, then one line per row, no decoration; NULL is an empty field. */
final class CsvFormat implements ResultFormat {

    @Override
    public void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        StringBuilder line = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
            append(line, c, meta.getColumnLabel(c));
        }
        out.println(line);
        while (rows.next()) {
            line.setLength(0);
            for (int c = 1; c <= columns; c++) {
                append(line, c, CellText.of(rows, c));
            }
            out.println(line);
        }
    }

    private static void append(StringBuilder line, int column, String text) {
        if (column > 1) {
            line.append(',');
        }
        if (text == null) {
            return;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            line.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            line.append(text);
        }
    }
}
