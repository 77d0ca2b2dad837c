package dev.rustbin.cli;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One way of printing a result set: table, csv or json. */
interface ResultFormat {

    void print(ResultSet rows, PrintStream out) throws SQLException;

    static ResultFormat named(String name) {
        return switch (name) {
            case "table" -> new TableFormat();
            case "csv" -> new CsvFormat();
            case "json" -> new JsonFormat();
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (use table, csv or json)");
        };
    }
}
