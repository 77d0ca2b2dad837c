package dev.rustbin.cli;

import dev.rustbin.cli.report.ReportPage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** {@code rustbin report}: the HTML page of {@link ReportPage} for every binary the connection reads, in the order given. */
final class ReportCommand {

    private ReportCommand() {
    }

    static void run(Connection connection, Path file, boolean snapshot, PrintStream err) throws SQLException, IOException {
        List<String> paths = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select path from binary_files where error is null")) {
            while (rows.next()) {
                paths.add(rows.getString(1));
            }
        }
        byte[] page = ReportPage.build(connection, paths, snapshot).getBytes(StandardCharsets.UTF_8);
        Files.write(file, page);
        err.println(file + ": " + page.length + " bytes, " + paths.size() + (paths.size() == 1 ? " binary" : " binaries"));
    }
}
