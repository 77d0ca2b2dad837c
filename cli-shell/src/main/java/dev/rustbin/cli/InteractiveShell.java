package dev.rustbin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The prompt, on a terminal: line editing and history (kept across sessions), tab completion, Ctrl-C
 * cancels the running statement (or drops the line being typed), Ctrl-D leaves.
 */
final class InteractiveShell {

    private InteractiveShell() {
    }

    static void run(Connection connection, ShellOptions options, PrintStream err) throws IOException, SQLException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            ShellSession session = new ShellSession(connection, new PrintStream(terminal.output(), true,
                    terminal.encoding()), err, options.format(), options.compression(), options.timing(), terminal::getWidth,
                    ProgressBar.stderrIsTerminal());
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(new char[0]);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("rustbin")
                    .parser(parser)
                    .completer(new SqlCompleter(connection.getMetaData()))
                    .variable(LineReader.HISTORY_FILE, historyFile())
                    .variable(LineReader.HISTORY_SIZE, 10_000)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build();
            terminal.handle(Terminal.Signal.INT, signal -> session.cancelRunning());
            terminal.writer().println("rustbin " + connection.getMetaData().getDriverVersion()
                    + " (.help for help, Ctrl-D to leave)");
            while (!session.quitRequested()) {
                String line;
                try {
                    line = reader.readLine(session.inStatement() ? "     ...> " : "rustbin> ");
                } catch (UserInterruptException e) {
                    session.discardPending();
                    continue;
                } catch (EndOfFileException e) {
                    return;
                }
                session.feed(line);
            }
        }
    }

    /** $XDG_STATE_HOME/rustbin/history, else ~/.local/state/rustbin/history. */
    private static Path historyFile() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("rustbin").resolve("history");
    }
}
