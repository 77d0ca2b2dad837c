package dev.rustbin.cli;

import java.util.ArrayList;
import java.util.List;

/** The command line: {@code rustbin [TARGET...] [-e SQL] [--format table|csv|json]}. */
record ShellOptions(List<String> targets, String sql, String format, boolean timing, boolean help) {

    static final String USAGE = """
            usage: rustbin [TARGET...] [-e SQL] [--format table|csv|json]
              TARGET        a binary, or a directory of binaries (default: the test-corpus demo program)
              -e, --execute run one SQL statement, print the result and exit
              -f, --format  table (default), csv or json
              -t, --timing  print each statement's wall time on stderr
              -h, --help    this text
            Without -e, opens an interactive prompt (end statements with ';'; .tables, .timing, .quit).""";

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
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-e", "--execute" -> sql = valueAfter(args, ++i, arg);
                case "-f", "--format" -> format = valueAfter(args, ++i, arg);
                case "-h", "--help" -> help = true;
                case "-t", "--timing" -> timing = true;
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
        ResultFormat.named(format);
        return new ShellOptions(targets, sql, format, timing, help);
    }

    private static String valueAfter(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
