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

    /** $0 is the program; the files to redirect and the variables' values come first among the positional parameters and are shifted away. */
    private static final String STOP_THEN_EXEC = "kill -STOP $$; exec \"$0\" \"$@\"";
    private static final String SHELL = "/bin/sh";

    private Spawner() {
    }

    /** The pid of the shell, stopped just before it execs the program. */
    static int spawnStopped(Tracer tracer, LaunchOptions options) {
        StringBuilder script = new StringBuilder();
        List<String> files = new ArrayList<>();
        String redirects = "";
        if (options.input() != null) {
            script.append("in=$1; shift; ");
            files.add(options.input().toString());
            redirects += " <\"$in\"";
        }
        if (options.output() != null) {
            script.append("out=$1; shift; ");
            files.add(options.output().toString());
            redirects += " >\"$out\" 2>&1";
        }
        // Exported after the shell started, so LD_PRELOAD and the like reach the program and not the shell itself.
        for (Map.Entry<String, String> e : options.environment().entrySet()) {
            script.append("export ").append(e.getKey()).append("=\"$1\"; shift; ");
            files.add(e.getValue());
        }
        script.append(STOP_THEN_EXEC).append(redirects);
        List<String> argv = new ArrayList<>(List.of(SHELL, "-c", script.toString(), options.program().toString()));
        argv.addAll(files);
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
