package dev.rustbin.cli;

/**
 * Asked by the ./rustbin launcher before it builds the demo program: exits 0 when these arguments
 * would run on the default target, 1 otherwise (a named target, --help, or arguments the shell will
 * reject itself). ShellOptions stays the one place that knows the flags.
 */
public final class DefaultTargetQuery {

    private DefaultTargetQuery() {}

    public static void main(String[] args) {
        boolean uses;
        try {
            uses = ShellOptions.parse(args).usesDefaultTarget();
        } catch (IllegalArgumentException e) {
            uses = false;
        }
        System.exit(uses ? 0 : 1);
    }
}
