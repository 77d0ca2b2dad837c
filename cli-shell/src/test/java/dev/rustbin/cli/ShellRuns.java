package dev.rustbin.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Test-only: the one-shot command line run in this JVM, its exit status and what it printed. */
final class ShellRuns {

    record Outcome(int status, String out, String err) {
    }

    private ShellRuns() {
    }

    static Outcome run(String defaultTarget, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new RustbinShell(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args, defaultTarget, false);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
