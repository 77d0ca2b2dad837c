package dev.rustbin.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The command line: {@code rustbin [TARGET...] [--core CORE] [--pid PID] [-e SQL] [--format ...]
 * [--set NAME=VALUE]...} and {@code rustbin run [--track-allocations] [--every DURATION] [--at SYMBOL[:N]] [-e SQL] --
 * PROGRAM ARGS...}. The one place that knows the shell's flags; snapshot options become JDBC
 * connection properties, so the shell asks for nothing the driver does not offer.
 */
record ShellOptions(List<String> targets, String sql, String format, boolean timing, boolean help,
                    Map<String, String> settings, List<String> cores, String pid, List<String> launch, String every, String at,
                    boolean trackAllocations) {

    static final String USAGE = """
            usage: rustbin [TARGET...] [--core CORE] [--pid PID] [-e SQL] [--format table|csv|json] [--set NAME=VALUE]...
                   rustbin run [--track-allocations] [--every DURATION] [--at SYMBOL[:N]] [-e SQL] -- PROGRAM [ARGS...]
              TARGET        a binary, or a directory of binaries (default: the test-corpus demo program)
              --core CORE   a core file of TARGET (from gcore or the kernel); repeatable; alone, its program is the target
              --pid PID     snapshot a running process (TARGET defaults to its executable)
              run           launch PROGRAM under rustbin, snapshot it (--every 200ms, --at a function, at most N
                            times: --at name:N) and at exit, then query every snapshot
              --track-allocations  record PROGRAM's allocations with heaptrack (package heaptrack): allocation_site
                            of heap chunks, allocation_events, heap_backtraces
              -e, --execute run these SQL statements (';' between them), print the results and exit
              -f, --format  table (default), csv or json
              -t, --timing  print each statement's wall time on stderr
              -s, --set     a JDBC connection property (README: Connection properties), e.g. --set fun=standard
              -h, --help    this text
            Without -e, runs the statements read from standard input: at a prompt when it is a terminal
            (.help lists the commands; Ctrl-C cancels a statement, Ctrl-D leaves).""";

    /** True when no target is named, so the shell runs on the launcher's default (the demo program). */
    boolean usesDefaultTarget() {
        return targets.isEmpty() && !help && !namesAProcess();
    }

    static ShellOptions parse(String[] args) {
        List<String> targets = new ArrayList<>();
        List<String> cores = new ArrayList<>();
        String sql = null;
        String format = "table";
        boolean help = false;
        boolean timing = false;
        Map<String, String> settings = new LinkedHashMap<>();
        String pid = null;
        List<String> launch = null;
        String every = null;
        String at = null;
        boolean track = false;
        boolean run = args.length > 0 && args[0].equals("run");
        for (int i = run ? 1 : 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-e", "--execute" -> sql = valueAfter(args, ++i, arg);
                case "-f", "--format" -> format = valueAfter(args, ++i, arg);
                case "-h", "--help" -> help = true;
                case "-t", "--timing" -> timing = true;
                case "-s", "--set" -> {
                    String setting = valueAfter(args, ++i, arg);
                    int equals = setting.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException(arg + " needs NAME=VALUE, not " + setting);
                    }
                    settings.put(setting.substring(0, equals), setting.substring(equals + 1));
                }
                case "--core" -> cores.add(valueAfter(args, ++i, arg));
                case "--pid" -> pid = valueAfter(args, ++i, arg);
                case "--every" -> every = runOption(run, arg, valueAfter(args, ++i, arg));
                case "--at" -> at = runOption(run, arg, valueAfter(args, ++i, arg));
                case "--track-allocations" -> track = runOption(run, arg, "true") != null;
                case "--" -> {
                    if (!run) {
                        throw new IllegalArgumentException("-- only follows 'rustbin run [options]'");
                    }
                    launch = List.of(args).subList(i + 1, args.length);
                    i = args.length;
                }
                default -> {
                    if (arg.startsWith("--format=")) {
                        format = arg.substring("--format=".length());
                    } else if (arg.startsWith("-") && arg.length() > 1) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    } else if (run) {
                        throw new IllegalArgumentException("rustbin run takes the program after --: rustbin run [options] -- " + arg);
                    } else {
                        targets.add(arg);
                    }
                }
            }
        }
        if (run && !help && (launch == null || launch.isEmpty())) {
            throw new IllegalArgumentException("rustbin run needs a program: rustbin run [options] -- PROGRAM [ARGS...]");
        }
        ResultFormat.named(format, 0);
        return new ShellOptions(targets, sql, format, timing, help, Map.copyOf(settings), List.copyOf(cores), pid, launch, every, at, track);
    }

    /** True when the snapshot options name what to query, so no default target is needed. */
    boolean namesAProcess() {
        return !cores.isEmpty() || pid != null || launch != null;
    }

    /** The JDBC connection properties these options stand for (see the driver's documented properties). */
    Properties connectionProperties(List<String> paths) {
        Properties properties = new Properties();
        properties.putAll(settings);
        if (!paths.isEmpty()) {
            properties.setProperty("paths", String.join("\n", paths));
        }
        if (!cores.isEmpty()) {
            properties.setProperty("core", String.join("\n", cores));
        }
        if (pid != null) {
            properties.setProperty("pid", pid);
        }
        if (launch != null) {
            properties.setProperty("launch", String.join("\n", launch));
        }
        if (every != null) {
            properties.setProperty("every", every);
        }
        if (at != null) {
            properties.setProperty("at", at);
        }
        if (trackAllocations) {
            properties.setProperty("track_allocations", "true");
        }
        return properties;
    }

    private static String runOption(boolean run, String option, String value) {
        if (!run) {
            throw new IllegalArgumentException(option + " is an option of 'rustbin run'");
        }
        return value;
    }

    private static String valueAfter(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
