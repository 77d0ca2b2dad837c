package dev.rustbin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * The rustbin command: one statement with {@code -e}, else an interactive prompt. It reaches the
 * engine only through JDBC, like any other client. Errors print one line on stderr.
 */
public final class RustbinShell {

    /** Set by the ./rustbin launcher to the demo binary, used when no target is given. */
    static final String DEFAULT_TARGET_ENV = "RUSTBIN_DEFAULT_TARGET";

    private final PrintStream out;
    private final PrintStream err;
    private boolean timing;

    RustbinShell(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int status = new RustbinShell(out, System.err).run(args, System.getenv(DEFAULT_TARGET_ENV));
        out.flush();
        System.exit(status);
    }

    int run(String[] args, String defaultTarget) {
        ShellOptions options;
        try {
            options = ShellOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("rustbin: " + e.getMessage());
            err.println(ShellOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(ShellOptions.USAGE);
            return 0;
        }
        List<String> targets = options.targets();
        if (options.usesDefaultTarget()) {
            if (defaultTarget == null || defaultTarget.isBlank()) {
                err.println("rustbin: no target given (name a binary or a directory)");
                return 2;
            }
            targets = List.of(defaultTarget);
        }
        Properties properties = options.connectionProperties(targets);
        try (Connection connection = DriverManager.getConnection("jdbc:rustbin:", properties)) {
            ResultFormat format = ResultFormat.named(options.format());
            timing = options.timing();
            if (options.sql() != null) {
                return execute(connection, options.sql(), format) ? 0 : 1;
            }
            interact(connection, format);
            return 0;
        } catch (SQLException e) {
            err.println("rustbin: " + oneLine(e, null));
            return 1;
        }
    }

    private boolean execute(Connection connection, String sql, ResultFormat format) {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            format.print(rows, out);
            if (timing) {
                err.printf("time: %.3f s%n", (System.nanoTime() - started) / 1e9);
            }
            return true;
        } catch (SQLException e) {
            err.println("rustbin: " + oneLine(e, sql));
            return false;
        } finally {
            out.flush();
        }
    }

    private void interact(Connection connection, ResultFormat format) throws SQLException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder statement = new StringBuilder();
        out.println("rustbin " + connection.getMetaData().getDriverVersion()
                + " — end statements with ';'; .tables lists tables, .timing times statements, .quit leaves");
        while (true) {
            out.print(statement.isEmpty() ? "rustbin> " : "     ...> ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                return;
            }
            if (line == null) {
                return;
            }
            String trimmed = line.strip();
            if (statement.isEmpty() && trimmed.startsWith(".")) {
                if (trimmed.equals(".quit") || trimmed.equals(".exit")) {
                    return;
                }
                if (trimmed.equals(".tables")) {
                    listTables(connection.getMetaData(), format);
                } else if (trimmed.equals(".timing")) {
                    timing = !timing;
                    out.println("timing " + (timing ? "on" : "off"));
                } else {
                    err.println("rustbin: unknown command " + trimmed + " (.tables, .timing, .quit)");
                }
                continue;
            }
            statement.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = statement.toString().strip();
                execute(connection, sql.substring(0, sql.length() - 1), format);
                statement.setLength(0);
            }
        }
    }

    private void listTables(DatabaseMetaData meta, ResultFormat format) throws SQLException {
        try (ResultSet tables = meta.getTables(null, "rustbin", "%", null)) {
            format.print(tables, out);
        }
    }

    /** Messages that only name wrapped exceptions ("java.lang.RuntimeException: java.lang.reflect...Exception"). */
    private static final java.util.regex.Pattern ONLY_CLASS_NAMES =
            java.util.regex.Pattern.compile("([\\w.$]+(Exception|Error))(: [\\w.$]+(Exception|Error))*");

    /**
     * The message without Calcite's "Error while executing SQL ..." wrapper, on one line; where the
     * engine only passed on exception class names (a function's reflective call), the innermost cause's.
     */
    static String oneLine(SQLException e, String sql) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        Throwable innermost = e;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        String wrapper = sql == null ? null : "Error while executing SQL \"" + sql + "\": ";
        if (wrapper != null && message.startsWith(wrapper)) {
            message = message.substring(wrapper.length());
        }
        if (ONLY_CLASS_NAMES.matcher(message).matches() && innermost.getMessage() != null) {
            message = innermost.getMessage();
        }
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
