package dev.rustbin.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Newline-delimited JSON: one object per line and nothing else, so a reader can stream it (see {@link JsonRow}). */
final class NdjsonFormat implements ResultFormat {

    @Override
    public void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        StringBuilder object = new StringBuilder();
        while (rows.next()) {
            object.setLength(0);
            out.println(JsonRow.append(object, rows, meta));
        }
    }
}
