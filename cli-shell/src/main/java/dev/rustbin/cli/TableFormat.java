package dev.rustbin.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jline.utils.WCWidth;

/**
 * An aligned text table for people, as the duckdb shell prints one: numbers right-aligned, widths
 * counted in terminal cells (a CJK character takes two, a combining mark none), and, when the
 * terminal is narrower than the table, the widest columns cut down with their cells elided. Rows
 * are buffered to size the columns, so it caps what it shows and says how many rows there were;
 * csv and json stream everything.
 */
final class TableFormat implements ResultFormat {

    static final int MAX_ROWS = 1000;
    static final int MAX_CELL = 80;
    private static final int MIN_COLUMN = 6;
    private static final String SEPARATOR = " | ";
    private static final Set<Integer> NUMERIC = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE);

    private final int maxWidth;

    /** {@code maxWidth}: the terminal's width in cells, 0 for no limit. */
    TableFormat(int maxWidth) {
        this.maxWidth = maxWidth;
    }

    @Override
    public void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] header = new String[columns];
        boolean[] rightAligned = new boolean[columns];
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = meta.getColumnLabel(c + 1);
            rightAligned[c] = NUMERIC.contains(meta.getColumnType(c + 1));
            width[c] = cells(header[c]);
        }
        List<String[]> shown = new ArrayList<>();
        long total = 0;
        while (rows.next()) {
            total++;
            if (shown.size() < MAX_ROWS) {
                String[] row = new String[columns];
                for (int c = 0; c < columns; c++) {
                    String text = CellText.of(rows, c + 1);
                    row[c] = elide(text == null ? "NULL" : text.replaceAll("[\\r\\n\\t]", " "), MAX_CELL);
                    width[c] = Math.max(width[c], cells(row[c]));
                }
                shown.add(row);
            }
        }
        fitInto(width);
        out.println(line(header, width, rightAligned));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
        }
        out.println(rule);
        shown.forEach(row -> out.println(line(row, width, rightAligned)));
        String more = total > shown.size() ? " (first " + shown.size() + " shown)" : "";
        out.println("(" + total + (total == 1 ? " row" : " rows") + more + ")");
    }

    /** Narrows the widest column, one cell at a time, until the table fits (or no column can give more). */
    private void fitInto(int[] width) {
        if (maxWidth <= 0) {
            return;
        }
        int total = SEPARATOR.length() * (width.length - 1);
        for (int w : width) {
            total += w;
        }
        while (total > maxWidth) {
            int widest = 0;
            for (int c = 1; c < width.length; c++) {
                widest = width[c] > width[widest] ? c : widest;
            }
            if (width[widest] <= MIN_COLUMN) {
                return;
            }
            width[widest]--;
            total--;
        }
    }

    /** Terminal cells {@code text} takes. */
    static int cells(String text) {
        int cells = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            cells += Math.max(0, WCWidth.wcwidth(codePoint));
            i += Character.charCount(codePoint);
        }
        return cells;
    }

    /** {@code text} cut to at most {@code limit} cells, ending in … when cut. */
    private static String elide(String text, int limit) {
        if (cells(text) <= limit) {
            return text;
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(codePoint));
            if (used + w > limit - 1) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += w;
            i += Character.charCount(codePoint);
        }
        return kept.append('…').toString();
    }

    private static String line(String[] cells, int[] width, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = elide(cells[c], width[c]);
            String padding = " ".repeat(width[c] - cells(cell));
            line.append(c == 0 ? "" : SEPARATOR).append(rightAligned[c] ? padding + cell : cell + padding);
        }
        return line.toString().stripTrailing();
    }
}
