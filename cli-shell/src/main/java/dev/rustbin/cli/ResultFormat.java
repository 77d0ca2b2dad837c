package dev.rustbin.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One way of printing a result set: table, csv or json. */
interface ResultFormat {

    void print(ResultSet rows, PrintStream out) throws SQLException;

    /** The format called {@code name}; tables fit in {@code width} columns (0: no limit). */
    static ResultFormat named(String name, int width) {
        return switch (name) {
            case "table" -> new TableFormat(width);
            case "csv" -> new CsvFormat();
            case "json" -> new JsonFormat();
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (use table, csv or json)");
        };
    }
}
