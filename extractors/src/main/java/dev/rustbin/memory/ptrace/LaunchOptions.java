package dev.rustbin.memory.ptrace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How {@link ProgramLauncher} runs a program: its command line, a timer for snapshots, a function
 * whose entry takes a snapshot on each of its first {@code atMaxHits} calls, and where its input
 * comes from and its output goes (null: inherited from rustbin).
 *
 * @param every     interval between timer snapshots, or null for none
 * @param atSymbol  a function of the program: its symbol (as nm prints it) or its Rust path without generic
 *                  arguments ({@code my_crate::module::function}, as nm -C prints it without the hash), or null for none
 * @param input     a file the program reads as stdin, or null to inherit it
 * @param output    a file that receives the program's stdout and stderr, or null to inherit them
 * @param environment variables set for the program on top of rustbin's own (not for the shell that starts it)
 */
public record LaunchOptions(Path program, List<String> arguments, Duration every, String atSymbol, int atMaxHits, Path input,
                            Path output, Map<String, String> environment) {

    public LaunchOptions {
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
        if (every != null && (every.isNegative() || every.isZero())) {
            throw new IllegalArgumentException("the snapshot interval must be positive, not " + every);
        }
        if (atMaxHits < 1) {
            throw new IllegalArgumentException("a breakpoint needs at least one hit, not " + atMaxHits);
        }
    }

    /** A plain run: no timer, no breakpoint, output inherited; one snapshot at exit. */
    public static LaunchOptions of(Path program, List<String> arguments) {
        return new LaunchOptions(program, arguments, null, null, Integer.MAX_VALUE, null, null, Map.of());
    }

    public LaunchOptions every(Duration interval) {
        return new LaunchOptions(program, arguments, interval, atSymbol, atMaxHits, input, output, environment);
    }

    public LaunchOptions at(String symbol, int maxHits) {
        return new LaunchOptions(program, arguments, every, symbol, maxHits, input, output, environment);
    }

    public LaunchOptions program(Path path) {
        return new LaunchOptions(path, arguments, every, atSymbol, atMaxHits, input, output, environment);
    }

    public LaunchOptions input(Path file) {
        return new LaunchOptions(program, arguments, every, atSymbol, atMaxHits, file, output, environment);
    }

    public LaunchOptions environment(Map<String, String> variables) {
        return new LaunchOptions(program, arguments, every, atSymbol, atMaxHits, input, output, variables);
    }

    public LaunchOptions output(Path file) {
        return new LaunchOptions(program, arguments, every, atSymbol, atMaxHits, input, file, environment);
    }
}
