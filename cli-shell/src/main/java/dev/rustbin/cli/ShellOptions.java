package dev.rustbin.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code rustbin [TARGET...] [-e SQL] [--format table|csv|json] [--set NAME=VALUE]...}.
 * The one place that knows the shell's flags.
 */
record ShellOptions(List<String> targets, String sql, String format, boolean timing, boolean help,
                    Map<String, String> connectionProperties) {

    static final String USAGE = """
            usage: rustbin [TARGET...] [-e SQL] [--format table|csv|json] [--set NAME=VALUE]...
              TARGET        a binary, or a directory of binaries (default: the test-corpus demo program)
              -e, --execute run these SQL statements (';' between them), print the results and exit
              -f, --format  table (default), csv or json
              -t, --timing  print each statement's wall time on stderr
              -s, --set     a JDBC connection property (README: Connection properties), e.g. --set fun=standard
              -h, --help    this text
            Without -e, runs the statements read from standard input: at a prompt when it is a terminal
            (.help lists the commands; Ctrl-C cancels a statement, Ctrl-D leaves).""";

    /** True when no target is named, so the shell runs on the launcher's default (the demo program). */
    boolean usesDefaultTarget() {
        return targets.isEmpty() && !help;
    }

    static ShellOptions parse(String[] args) {
        List<String> targets = new ArrayList<>();
        String sql = null;
        String format = "table";
        boolean help = false;
        boolean timing = false;
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
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
                    properties.put(setting.substring(0, equals), setting.substring(equals + 1));
                }
                default -> {
                    if (arg.startsWith("--format=")) {
                        format = arg.substring("--format=".length());
                    } else if (arg.startsWith("-") && arg.length() > 1) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    } else {
                        targets.add(arg);
                    }
                }
            }
        }
        ResultFormat.named(format, 0);
        return new ShellOptions(targets, sql, format, timing, help, Map.copyOf(properties));
    }

    private static String valueAfter(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
