package dev.rustbin.cli;

import dev.rustbin.cli.export.PageCompression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The command line: {@code rustbin [TARGET...] [--core CORE] [--pid PID] [-e SQL] [--format ...]
 * [--output FILE] [--compression C] [--set NAME=VALUE]...}, {@code rustbin run [--track-allocations] [--every DURATION] [--at SYMBOL[:N]]
 * [-e SQL] -- PROGRAM ARGS...}, {@code rustbin export TARGET... --to DIR [--tables A,B]
 * [--format parquet|arrow]} and {@code rustbin report TARGET... [--core CORE] [-o FILE]}. The one
 * place that knows the shell's flags; snapshot options become JDBC connection properties, so the
 * shell asks for nothing the driver does not offer.
 */
record ShellOptions(Command command, List<String> targets, String sql, String format, String output, boolean timing, boolean help,
                    Map<String, String> settings, List<String> cores, String pid, List<String> launch, String every, String at,
                    String exportDirectory, List<String> tables, boolean trackAllocations, PageCompression compression) {

    /** What the command line asks for: statements (the default), or one of the named subcommands. */
    enum Command {
        QUERY, RUN, EXPORT, REPORT;

        static Command of(String[] args) {
            return args.length == 0 ? QUERY : switch (args[0]) {
                case "run" -> RUN;
                case "export" -> EXPORT;
                case "report" -> REPORT;
                default -> QUERY;
            };
        }
    }

    /** Where the report goes when -o does not say. */
    static final String DEFAULT_REPORT = "report.html";

    static final String USAGE = """
            usage: rustbin [TARGET...] [--core CORE] [--pid PID] [-e SQL] [--format FORMAT] [-o FILE] [--compression C] [--set NAME=VALUE]...
                          [--cache-dir DIR | --no-cache]
                   rustbin run [--track-allocations] [--every DURATION] [--at SYMBOL[:N]] [-e SQL] -- PROGRAM [ARGS...]
                   rustbin export TARGET... --to DIR [--tables TABLE,...] [--format parquet|arrow] [--compression C]
                   rustbin report TARGET... [--core CORE] [-o FILE]
              TARGET        a binary, or a directory of binaries (default: the test-corpus demo program)
              --core CORE   a core file of TARGET (from gcore or the kernel); repeatable; alone, its program is the target
              --pid PID     snapshot a running process (TARGET defaults to its executable)
              run           launch PROGRAM under rustbin, snapshot it (--every 200ms, --at a function, at most N
                            times: --at name:N) and at exit, then query every snapshot
              --track-allocations  record PROGRAM's allocations with heaptrack (package heaptrack): allocation_site
                            of heap chunks, allocation_events, heap_backtraces
              -e, --execute run these SQL statements (';' between them), print the results and exit
              export        write every table (or the --tables named) of every TARGET to DIR, one file per table
                            (TABLE.parquet, or TABLE.arrow in Arrow's file format), rows of all targets told apart by path
              report        one self-contained HTML page (default report.html): crates and functions by size, sections,
                            panics, libraries; for two targets what grew; with --core or --pid, the heap by site
              -f, --format  table (default), csv, json, ndjson (one object a line), arrow (IPC file format when FILE ends
                            in .arrow or .feather, else the stream format), arrow-stream, arrow-file or parquet
              -o, --output  write results to FILE instead of standard output (binary formats: the last result)
              --compression  of Parquet pages: zstd (default), snappy, gzip or none
              -t, --timing  print each statement's wall time on stderr
              -s, --set     a JDBC connection property (README: Connection properties), e.g. --set fun=standard
              --cache-dir DIR  keep the table cache (extracted instructions, symbols, ...) in DIR
              --no-cache    extract every table anew for every query
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
        Command command = Command.of(args);
        String sql = null;
        String format = command == Command.EXPORT ? "parquet" : "table";
        String output = null;
        String exportDirectory = null;
        List<String> tables = List.of();
        boolean help = false;
        boolean timing = false;
        Map<String, String> settings = new LinkedHashMap<>();
        String pid = null;
        List<String> launch = null;
        String every = null;
        String at = null;
        boolean track = false;
        PageCompression compression = PageCompression.DEFAULT;
        boolean run = command == Command.RUN;
        for (int i = command == Command.QUERY ? 0 : 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-e", "--execute" -> sql = valueAfter(args, ++i, arg);
                case "-f", "--format" -> format = valueAfter(args, ++i, arg);
                case "-o", "--output" -> output = valueAfter(args, ++i, arg);
                case "--to" -> exportDirectory = commandOption(command, Command.EXPORT, arg, valueAfter(args, ++i, arg));
                case "--tables" -> tables = List.of(commandOption(command, Command.EXPORT, arg, valueAfter(args, ++i, arg)).split(","));
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
                case "--compression" -> compression = PageCompression.named(valueAfter(args, ++i, arg));
                case "--cache-dir" -> settings.put("cache_dir", valueAfter(args, ++i, arg));
                case "--no-cache" -> settings.put("cache", "false");
                case "--core" -> cores.add(valueAfter(args, ++i, arg));
                case "--pid" -> pid = valueAfter(args, ++i, arg);
                case "--every" -> every = commandOption(command, Command.RUN, arg, valueAfter(args, ++i, arg));
                case "--at" -> at = commandOption(command, Command.RUN, arg, valueAfter(args, ++i, arg));
                case "--track-allocations" -> track = commandOption(command, Command.RUN, arg, "true") != null;
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
        if (command == Command.EXPORT && !help) {
            if (exportDirectory == null || targets.isEmpty()) {
                throw new IllegalArgumentException("rustbin export needs targets and a directory: rustbin export TARGET... --to DIR");
            }
            if (!format.equals("parquet") && !format.equals("arrow")) {
                throw new IllegalArgumentException("rustbin export writes parquet or arrow, not " + format);
            }
        }
        if (command == Command.REPORT && !help && targets.isEmpty() && cores.isEmpty() && pid == null) {
            throw new IllegalArgumentException("rustbin report needs a target: rustbin report TARGET... [-o FILE]");
        }
        ResultFormat.named(format, 0, null, compression);
        return new ShellOptions(command, targets, sql, format, output, timing, help, Map.copyOf(settings), List.copyOf(cores), pid, launch,
                every, at, exportDirectory, tables, track, compression);
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

    private static String commandOption(Command command, Command owner, String option, String value) {
        if (command != owner) {
            throw new IllegalArgumentException(option + " is an option of 'rustbin " + owner.name().toLowerCase(Locale.ROOT) + "'");
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
