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
import java.util.Comparator;
import java.util.List;

/**
 * {@code rustbin report}: the HTML page of {@link ReportPage} for every binary the connection reads,
 * in the order of the targets that name them (the first of two is the diff's "before").
 */
final class ReportCommand {

    private ReportCommand() {
    }

    static void run(Connection connection, List<String> targets, Path file, boolean snapshot, PrintStream err) throws SQLException, IOException {
        List<String> paths = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select path from binary_files where error is null")) {
            while (rows.next()) {
                paths.add(rows.getString(1));
            }
        }
        List<Path> given = targets.stream().map(t -> Path.of(t).toAbsolutePath().normalize()).toList();
        paths.sort(Comparator.comparingInt((String p) -> targetIndex(given, Path.of(p))).thenComparing(Comparator.naturalOrder()));
        byte[] page = ReportPage.build(connection, paths, snapshot).getBytes(StandardCharsets.UTF_8);
        Files.write(file, page);
        err.println(file + ": " + page.length + " bytes, " + paths.size() + (paths.size() == 1 ? " binary" : " binaries"));
    }

    /** The first target that is the binary or a directory holding it; after all of them when none is (a core's program). */
    private static int targetIndex(List<Path> targets, Path binary) {
        for (int i = 0; i < targets.size(); i++) {
            if (binary.startsWith(targets.get(i))) {
                return i;
            }
        }
        return targets.size();
    }
}
