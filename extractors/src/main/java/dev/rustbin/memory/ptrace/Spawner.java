package dev.rustbin.memory.ptrace;

import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import dev.rustbin.memory.SnapshotException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a program for tracing without Java's ProcessBuilder (whose reaper thread would take the
 * child's wait events): posix_spawn of a shell that stops itself and, once continued, execs the
 * program, so the tracer can attach before the program's first instruction.
 */
final class Spawner {

    /** $0 is the program; with an output file, $1 names it. */
    private static final String INHERIT = "kill -STOP $$; exec \"$0\" \"$@\"";
    private static final String TO_FILE = "out=$1; shift; kill -STOP $$; exec \"$0\" \"$@\" >\"$out\" 2>&1";
    private static final String SHELL = "/bin/sh";

    private Spawner() {
    }

    /** The pid of the shell, stopped just before it execs the program. */
    static int spawnStopped(Tracer tracer, LaunchOptions options) {
        List<String> argv = new ArrayList<>(List.of(SHELL, "-c", options.output() == null ? INHERIT : TO_FILE, options.program().toString()));
        if (options.output() != null) {
            argv.add(options.output().toString());
        }
        argv.addAll(options.arguments());
        List<String> environment = new ArrayList<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            environment.add(e.getKey() + "=" + e.getValue());
        }
        IntByReference pid = new IntByReference();
        int error = LibC.INSTANCE.posix_spawn(pid, SHELL, null, null, new StringArray(argv.toArray(String[]::new)),
                new StringArray(environment.toArray(String[]::new)));
        if (error != 0) {
            throw new SnapshotException(options.program() + ": cannot start " + SHELL + " to run it (" + tracer.describe(error) + ")");
        }
        WaitStatus stop = tracer.awaitChildStop(pid.getValue());
        if (!stop.stopped()) {
            throw new SnapshotException(options.program() + ": the shell that starts it ended with status " + stop.shellStatus());
        }
        return pid.getValue();
    }
}
