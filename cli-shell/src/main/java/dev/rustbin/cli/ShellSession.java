package dev.rustbin.cli;

import dev.rustbin.cli.export.PageCompression;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.IntSupplier;

/**
 * One connection's session: runs statements and the dot commands, whatever the input (-e, a pipe,
 * a file given to .read, the interactive prompt), and holds what the commands change: the output
 * mode and file, timing, and the statement running now (so Ctrl-C can cancel it).
 */
final class ShellSession {

    static final String HELP = """
            .help              this text
            .tables            the table names
            .schema [TABLE]    columns, types and descriptions of every table, or of one
            .mode MODE         table, csv, json, ndjson, arrow, arrow-stream, arrow-file or parquet
            .output [FILE]     write results to FILE, or again to the screen (a binary mode's FILE holds the last result)
            .read FILE         run the statements and commands in FILE
            .timing [on|off]   print each statement's wall time on stderr
            .quit, .exit       leave (Ctrl-D too)
            End statements with ';'. Ctrl-C cancels the running statement.""";

    private final Connection connection;
    private final PrintStream console;
    private final PrintStream err;
    private final IntSupplier terminalWidth;
    private final boolean progressBar;
    private final PageCompression compression;
    private PrintStream out;
    private Path outputFile;
    private String mode;
    private boolean timing;
    private boolean quit;
    private volatile Statement running;
    private final StringBuilder pending = new StringBuilder();

    /**
     * {@code terminalWidth}: the screen's width, 0 when it is not a terminal (binary formats then may go to it);
     * {@code progressBar}: draw one on {@code err} for long statements (it is a terminal).
     */
    ShellSession(Connection connection, PrintStream out, PrintStream err, String mode, PageCompression compression, boolean timing,
                 IntSupplier terminalWidth, boolean progressBar) {
        this.connection = connection;
        this.compression = compression;
        this.progressBar = progressBar;
        this.console = out;
        this.out = out;
        this.err = err;
        this.mode = mode;
        this.timing = timing;
        this.terminalWidth = terminalWidth;
    }

    boolean quitRequested() {
        return quit;
    }

    /** True while a statement is being collected over several lines. */
    boolean inStatement() {
        return !pending.isEmpty();
    }

    /**
     * One line of input: a dot command when no statement is open, else more of the statement,
     * which runs once a semicolon ends it. False if something failed.
     */
    boolean feed(String line) {
        if (pending.isEmpty() && line.strip().startsWith(".")) {
            return command(line.strip());
        }
        if (pending.isEmpty() && line.isBlank()) {
            return true;
        }
        pending.append(line).append('\n');
        if (!StatementSplitter.isComplete(pending.toString())) {
            return true;
        }
        String text = pending.toString();
        pending.setLength(0);
        return executeAll(text);
    }

    /** The end of the input: a last statement without its semicolon still runs. */
    boolean finish() {
        String text = pending.toString();
        pending.setLength(0);
        return executeAll(text);
    }

    /** Drops a statement being typed (Ctrl-C at the prompt). */
    void discardPending() {
        pending.setLength(0);
    }

    /** Every line of {@code in} through {@link #feed}, then {@link #finish}; stops at .quit. */
    boolean feedAll(BufferedReader in) throws IOException {
        boolean ok = true;
        String line;
        while (!quit && (line = in.readLine()) != null) {
            ok &= feed(line);
        }
        return finish() && ok;
    }

    /** Each statement of {@code text} in turn, stopping at the first that fails. */
    boolean executeAll(String text) {
        for (String sql : StatementSplitter.split(text)) {
            if (!execute(sql)) {
                return false;
            }
        }
        return true;
    }

    /** Cancels the statement running now, if any (from another thread: the Ctrl-C handler). */
    void cancelRunning() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                err.println("rustbin: " + ErrorLines.of(e, null));
            }
        }
    }

    private boolean execute(String sql) {
        long started = System.nanoTime();
        ResultFormat format = ResultFormat.named(mode, terminalWidth.getAsInt(), outputFile, compression);
        if (format.binary() && outputFile == null && terminalWidth.getAsInt() > 0) {
            err.println("rustbin: " + mode + " output is binary: name a file with .output FILE first");
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            running = statement;
            try (ProgressBar bar = progressBar ? ProgressBar.start(connection, err) : null;
                 ResultSet rows = statement.executeQuery(sql)) {
                ResultSet shown = bar == null ? rows : bar.until(rows);
                if (format.binary() && outputFile != null) {
                    try (PrintStream file = new PrintStream(new BufferedOutputStream(Files.newOutputStream(outputFile), 1 << 16))) {
                        format.print(shown, file);
                    }
                } else {
                    format.print(shown, out);
                }
            }
            if (timing) {
                err.printf("time: %.3f s%n", (System.nanoTime() - started) / 1e9);
            }
            return true;
        } catch (SQLException e) {
            err.println("rustbin: " + ErrorLines.of(e, sql));
            return false;
        } catch (IOException e) {
            err.println("rustbin: " + (e instanceof FileSystemException ? ErrorLines.of(e)
                    : (outputFile == null ? "standard output" : outputFile) + ": " + ErrorLines.of(e)));
            return false;
        } finally {
            running = null;
            out.flush();
        }
    }

    private boolean command(String line) {
        String[] words = line.split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        try {
            switch (words[0]) {
                case ".quit", ".exit" -> quit = true;
                case ".help" -> out.println(HELP);
                case ".tables" -> tables();
                case ".schema" -> schema(argument);
                case ".mode" -> {
                    ResultFormat.named(argument, 0, null, compression);
                    mode = argument;
                }
                case ".output" -> output(argument);
                case ".read" -> {
                    try (BufferedReader in = Files.newBufferedReader(Path.of(argument), StandardCharsets.UTF_8)) {
                        return feedAll(in);
                    }
                }
                case ".timing" -> {
                    timing = argument.isEmpty() ? !timing : argument.equals("on");
                    err.println("timing " + (timing ? "on" : "off"));
                }
                default -> {
                    err.println("rustbin: unknown command " + words[0] + " (.help lists them)");
                    return false;
                }
            }
            return true;
        } catch (SQLException e) {
            err.println("rustbin: " + ErrorLines.of(e, null));
        } catch (IllegalArgumentException e) {
            err.println("rustbin: " + e.getMessage());
        } catch (IOException e) {
            err.println("rustbin: " + argument + ": " + (e.getMessage() == null ? e : e.getMessage()));
        }
        return false;
    }

    private void tables() throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
            while (tables.next()) {
                out.println(tables.getString("TABLE_NAME"));
            }
        }
    }

    /** Each table's description, then one line per column: name, type, NOT NULL, description. */
    private void schema(String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        boolean found = false;
        try (ResultSet tables = meta.getTables(null, null, table.isEmpty() ? "%" : table, null)) {
            while (tables.next()) {
                found = true;
                String name = tables.getString("TABLE_NAME");
                out.println(name + "  -- " + tables.getString("REMARKS"));
                try (ResultSet columns = meta.getColumns(null, tables.getString("TABLE_SCHEM"), name, "%")) {
                    while (columns.next()) {
                        String type = columns.getString("TYPE_NAME") + ("NO".equals(columns.getString("IS_NULLABLE")) ? " NOT NULL" : "");
                        out.printf("  %-24s %-18s %s%n", columns.getString("COLUMN_NAME"), type, columns.getString("REMARKS"));
                    }
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no table " + table + " (.tables lists them)");
        }
    }

    /** Results go to {@code file} from now on (text results one after the other), or to the console when it is empty. */
    void output(String file) throws FileNotFoundException {
        if (out != console) {
            out.close();
        }
        outputFile = file.isEmpty() ? null : Path.of(file);
        out = file.isEmpty() ? console : new PrintStream(new FileOutputStream(file), true, StandardCharsets.UTF_8);
    }
}
