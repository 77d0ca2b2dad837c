package dev.rustbin.memory.ptrace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What /proc says about a process and its threads: existence, thread ids, names, status fields, the auxiliary vector. */
final class ProcFiles {

    private ProcFiles() {
    }

    static Path dir(long pid) {
        return Path.of("/proc", Long.toString(pid));
    }

    static boolean exists(long pid) {
        return Files.isDirectory(dir(pid));
    }

    /** The thread ids in /proc/PID/task, leader first; empty when the process is gone. */
    static List<Integer> threads(long pid) {
        List<Integer> tids = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(dir(pid).resolve("task"))) {
            tasks.forEach(p -> tids.add(Integer.parseInt(p.getFileName().toString())));
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        tids.sort((a, b) -> a == pid ? -1 : b == pid ? 1 : Integer.compare(a, b));
        return tids;
    }

    /** The thread's name (comm), or null when it has gone. */
    static String threadName(long pid, int tid) {
        try {
            return Files.readString(dir(pid).resolve("task").resolve(Integer.toString(tid)).resolve("comm")).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** A zombie thread never stops for a tracer: it has finished and waits to be reaped. */
    static boolean zombie(long pid, int tid) {
        try {
            String stat = Files.readString(dir(pid).resolve("task").resolve(Integer.toString(tid)).resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return true;
        }
    }

    /** A field of /proc/PID/status ("TracerPid", "Uid", "Tgid", ...), or null. */
    /** True when the process is gone or a zombie within a few milliseconds (polled, bounded): it was exiting. */
    static boolean exitsShortly(long pid) {
        for (int i = 0; i < 50; i++) {
            if (!exists(pid) || zombie(pid, (int) pid)) {
                return true;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static String status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(dir(pid).resolve("status"))) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).strip();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    static String selfStatus(String field) {
        return status(ProcessHandle.current().pid(), field);
    }

    static String command(long pid) {
        try {
            return Files.readString(dir(pid).resolve("comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    static Path executable(long pid) {
        try {
            return Files.readSymbolicLink(dir(pid).resolve("exe"));
        } catch (IOException e) {
            return null;
        }
    }

    static ByteBuffer auxv(long pid) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(dir(pid).resolve("auxv")));
    }

    /** The value of a sysctl file such as /proc/sys/kernel/yama/ptrace_scope, or null when absent. */
    static String sysctl(String path) {
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
