package dev.rustbin.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A progress bar on stderr (a terminal) while a statement works before its first row: drawn from
 * the driver's "progress" client-info property once the statement has run for a second, and
 * erased when the first row arrives, so it never mixes with results.
 */
final class ProgressBar implements AutoCloseable {

    private static final long DELAY_MS = 1000;
    private static final long PERIOD_MS = 200;
    private static final int BAR_CELLS = 30;

    private final Connection connection;
    private final PrintStream err;
    private final Thread painter;
    private boolean drawn;
    private boolean closed;

    private ProgressBar(Connection connection, PrintStream err) {
        this.connection = connection;
        this.err = err;
        this.painter = new Thread(this::paint, "rustbin-progress");
        painter.setDaemon(true);
        painter.start();
    }

    static ProgressBar start(Connection connection, PrintStream err) {
        return new ProgressBar(connection, err);
    }

    /** True when stderr is a terminal (Linux: fd 2 is a tty or pty); elsewhere no bar is drawn. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    /** {@code rows}, erasing the bar when their first {@code next()} returns. */
    ResultSet until(ResultSet rows) {
        return (ResultSet) Proxy.newProxyInstance(ProgressBar.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(rows, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (method.getName().equals("next")) {
                            close();
                        }
                    }
                });
    }

    private void paint() {
        try {
            Thread.sleep(DELAY_MS);
            while (!Thread.currentThread().isInterrupted()) {
                String progress = connection.getClientInfo("progress");
                if (progress != null) {
                    draw(progress.split(" ", 3));
                }
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException | SQLException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw(String[] progress) {
        if (closed || progress.length < 3) {
            return;
        }
        long done = Long.parseLong(progress[0]);
        long total = Math.max(1, Long.parseLong(progress[1]));
        int filled = (int) Math.min(BAR_CELLS, BAR_CELLS * done / total);
        String amounts = progress[2].startsWith("bytes ")
                ? bytes(done) + " of " + bytes(total) + progress[2].substring("bytes".length())
                : done + " of " + total + " " + progress[2];
        err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_CELLS - filled) + "] "
                + String.format(Locale.ROOT, "%3d%% ", 100 * done / total) + amounts + "\033[K");
        err.flush();
        drawn = true;
    }

    private static String bytes(long n) {
        return n >= 1 << 30 ? String.format(Locale.ROOT, "%.1f GB", n / (double) (1 << 30))
                : n >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", n / (double) (1 << 20))
                : String.format(Locale.ROOT, "%.1f kB", n / 1024.0);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
            }
        }
        painter.interrupt();
    }
}
