package dev.rustbin.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** An engine error as the one short line the shell prints. */
final class ErrorLines {

    /** Messages that only name wrapped exceptions ("java.lang.RuntimeException: java.lang.reflect...Exception"). */
    private static final Pattern ONLY_CLASS_NAMES = Pattern.compile("([\\w.$]+(Exception|Error))(: [\\w.$]+(Exception|Error))*");
    /** Calcite's parse errors go on to list every token it could have accepted: kilobytes. */
    private static final Pattern EXPECTED_TOKENS = Pattern.compile("(?s)\\s*Was expecting( one of)?:.*");

    private ErrorLines() {
    }

    /**
     * The message without Calcite's "Error while executing SQL ..." wrapper and its list of expected
     * tokens, on one line; where the engine only passed on exception class names (a function's
     * reflective call), the innermost cause's.
     */
    static String of(SQLException e, String sql) {
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
        message = EXPECTED_TOKENS.matcher(message).replaceFirst("");
        // The driver's own messages already say "rustbin: "; the shell puts that prefix on every line.
        if (message.startsWith("rustbin: ")) {
            message = message.substring("rustbin: ".length());
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** A file error as "FILE: problem"; java.nio names only the file for the common ones. */
    static String of(IOException e) {
        if (e instanceof FileSystemException file && file.getFile() != null) {
            String problem = e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "already exists"
                    : file.getReason() != null ? file.getReason() : e.getClass().getSimpleName();
            return file.getFile() + ": " + problem;
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
