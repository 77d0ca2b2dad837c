package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Test-only: a command running in a real pseudo-terminal (a detached tmux session), driven by
 * keystrokes and read back as the screen shows it.
 */
final class TerminalSession implements AutoCloseable {

    private static final long PATIENCE_MS = 120_000;

    private final String name;

    private TerminalSession(String name) {
        this.name = name;
    }

    /** Starts {@code script} (bash) in a 160x50 terminal. */
    static TerminalSession start(String name, Path script) throws Exception {
        tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "50", "bash " + script + "; sleep 600");
        return new TerminalSession(name);
    }

    /** Types {@code text} literally (a trailing ';' is escaped, which tmux would take as a separator). */
    void type(String text) throws Exception {
        tmux("send-keys", "-t", name, "-l", text.endsWith(";") ? text.substring(0, text.length() - 1) + "\\;" : text);
    }

    /** Presses named keys: Enter, Tab, Up, C-c, C-d. */
    void press(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", name));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    String screen() throws Exception {
        return tmux("capture-pane", "-t", name, "-p", "-S", "-200");
    }

    /** Waits until the screen satisfies {@code condition}; fails with the screen after two minutes. */
    String waitFor(String what, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        while (System.nanoTime() < deadline) {
            String screen = screen();
            if (condition.test(screen)) {
                return screen;
            }
            Thread.sleep(50);
        }
        return fail("waited for " + what + "; the screen shows:\n" + screen());
    }

    static int count(String screen, String text) {
        int count = 0;
        for (int i = screen.indexOf(text); i >= 0; i = screen.indexOf(text, i + 1)) {
            count++;
        }
        return count;
    }

    @Override
    public void close() throws Exception {
        tmux("kill-session", "-t", name);
    }

    /** A bash script that runs the shell from this build's classes with {@code env} and {@code args}, then prints its exit code. */
    static Path shellScript(Path dir, String env, String... args) throws IOException {
        StringBuilder command = new StringBuilder(env).append(' ')
                .append(Path.of(System.getProperty("java.home"), "bin", "java"))
                .append(" --add-opens=java.base/java.nio=ALL-UNNAMED -cp '").append(System.getProperty("java.class.path"))
                .append("' ").append(RustbinShell.class.getName());
        for (String arg : args) {
            command.append(" '").append(arg).append('\'');
        }
        command.append("\necho \"exit status $?\"\n");
        return Files.writeString(Files.createTempFile(dir, "shell", ".sh"), command.toString(), StandardCharsets.UTF_8);
    }

    private static String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
