package dev.rustbin.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table for people. Rows are buffered to size the columns, so it caps what it shows
 * (and long cells) and says how many rows there were; csv and json stream everything.
 */
final class TableFormat implements ResultFormat {

    static final int MAX_ROWS = 1000;
    static final int MAX_CELL = 80;

    @Override
    public void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] header = new String[columns];
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = meta.getColumnLabel(c + 1);
            width[c] = header[c].length();
        }
        List<String[]> shown = new ArrayList<>();
        long total = 0;
        while (rows.next()) {
            total++;
            if (shown.size() < MAX_ROWS) {
                String[] row = new String[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = shorten(CellText.of(rows, c + 1));
                    width[c] = Math.max(width[c], row[c].length());
                }
                shown.add(row);
            }
        }
        out.println(line(header, width));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        }
        out.println(rule);
        shown.forEach(row -> out.println(line(row, width)));
        String more = total > shown.size() ? " (first " + shown.size() + " shown)" : "";
        out.println("(" + total + (total == 1 ? " row" : " rows") + more + ")");
    }

    private static String shorten(String text) {
        if (text == null) {
            return "NULL";
        }
        return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 1) + "…";
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : " | ").append(cells[c]).append(" ".repeat(width[c] - cells[c].length()));
        }
        return line.toString().stripTrailing();
    }
}
