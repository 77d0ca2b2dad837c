package dev.rustbin.cli;

import dev.rustbin.cli.export.PageCompression;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One way of writing a result set: table, csv, json, ndjson, or the binary Arrow and Parquet formats. */
interface ResultFormat {

    String NAMES = "table, csv, json, ndjson, arrow, arrow-stream, arrow-file or parquet";

    void print(ResultSet rows, PrintStream out) throws SQLException, IOException;

    /** True for a format whose output is one file per result, not text that several results append to. */
    default boolean binary() {
        return false;
    }

    /**
     * The format called {@code name}; tables fit in {@code width} columns (0: no limit). {@code arrow}
     * is the IPC file format when {@code output} ends in .arrow or .feather, else the IPC stream format.
     */
    static ResultFormat named(String name, int width, Path output, PageCompression compression) {
        return switch (name) {
            case "table" -> new TableFormat(width);
            case "csv" -> new CsvFormat();
            case "json" -> new JsonFormat();
            case "ndjson" -> new NdjsonFormat();
            case "arrow" -> new BinaryFormat(BinaryFormat.Kind.of(output), compression);
            case "arrow-stream" -> new BinaryFormat(BinaryFormat.Kind.ARROW_STREAM, compression);
            case "arrow-file" -> new BinaryFormat(BinaryFormat.Kind.ARROW_FILE, compression);
            case "parquet" -> new BinaryFormat(BinaryFormat.Kind.PARQUET, compression);
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (use " + NAMES + ")");
        };
    }
}
