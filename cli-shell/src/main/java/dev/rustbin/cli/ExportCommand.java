package dev.rustbin.cli;

import dev.rustbin.cli.export.ArrowIpc;
import dev.rustbin.cli.export.PageCompression;
import dev.rustbin.cli.export.ParquetFile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code rustbin export}: each table of the connection (or the named ones) into DIR/TABLE.parquet or
 * DIR/TABLE.arrow (IPC file format), every target's rows in one file told apart by the path column,
 * so DIR reads as a dataset of one file per table in DuckDB, polars, pandas or Spark. Each file is
 * written beside its final name and moved there when complete.
 */
final class ExportCommand {

    private ExportCommand() {
    }

    static void run(Connection connection, Path directory, List<String> named, String format, PageCompression compression, PrintStream err)
            throws SQLException, IOException {
        List<String> tables = named.isEmpty() ? allTables(connection) : named;
        Files.createDirectories(directory);
        String extension = format.equals("parquet") ? ".parquet" : ".arrow";
        for (String table : tables) {
            Path file = directory.resolve(table + extension);
            Path partial = directory.resolve(table + extension + ".partial");
            long rows;
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("select * from \"" + table.replace("\"", "\"\"") + "\"");
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
                 BufferAllocator allocator = new RootAllocator(BinaryFormat.ALLOCATOR_LIMIT)) {
                rows = format.equals("parquet") ? ParquetFile.write(result, out, allocator, compression) : ArrowIpc.write(result, out, true, allocator);
            } catch (SQLException | IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            err.println(file + ": " + rows + (rows == 1 ? " row" : " rows"));
        }
    }

    private static List<String> allTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }
}
