package dev.rustbin.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** A JSON array of objects, one per row (see {@link JsonRow} for how values are written). */
final class JsonFormat implements ResultFormat {

    @Override
    public void print(ResultSet rows, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        out.print('[');
        boolean first = true;
        StringBuilder object = new StringBuilder();
        while (rows.next()) {
            object.setLength(0);
            object.append(first ? "\n  " : ",\n  ");
            first = false;
            out.print(JsonRow.append(object, rows, meta));
        }
        out.println(first ? "]" : "\n]");
    }
}
