package dev.rustbin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * The rustbin command: the statements of {@code -e}, else those read from standard input, at an
 * interactive prompt when it is a terminal (see {@link InteractiveShell}) and without banner or
 * prompts when it is not. It reaches the engine only through JDBC, like any other client. Errors
 * print one line on stderr.
 */
public final class RustbinShell {

    /** Set by the ./rustbin launcher to the demo binary, used when no target is given. */
    static final String DEFAULT_TARGET_ENV = "RUSTBIN_DEFAULT_TARGET";

    private final PrintStream out;
    private final PrintStream err;

    RustbinShell(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int status = new RustbinShell(out, System.err).run(args, System.getenv(DEFAULT_TARGET_ENV), System.console() != null);
        out.flush();
        System.exit(status);
    }

    /** {@code interactive}: standard input and output are a terminal. */
    int run(String[] args, String defaultTarget, boolean interactive) {
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
            if (options.command() == ShellOptions.Command.EXPORT) {
                ExportCommand.run(connection, Path.of(options.exportDirectory()), options.tables(), options.format(), options.compression(), err);
                return 0;
            }
            if (options.command() == ShellOptions.Command.REPORT) {
                ReportCommand.run(connection, targets, Path.of(options.output() == null ? ShellOptions.DEFAULT_REPORT : options.output()),
                        options.namesAProcess(), err);
                return 0;
            }
            if (options.sql() == null && interactive && options.output() == null) {
                InteractiveShell.run(connection, options, err);
                return 0;
            }
            ShellSession session = new ShellSession(connection, out, err, options.format(), options.compression(), options.timing(), () -> 0,
                    ProgressBar.stderrIsTerminal());
            if (options.output() != null) {
                session.output(options.output());
            }
            if (options.sql() != null) {
                return session.executeAll(options.sql()) ? 0 : 1;
            }
            return session.feedAll(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) ? 0 : 1;
        } catch (SQLException e) {
            err.println("rustbin: " + ErrorLines.of(e, null));
            return 1;
        } catch (IOException e) {
            err.println("rustbin: " + ErrorLines.of(e));
            return 1;
        }
    }
}
