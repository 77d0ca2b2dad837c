package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test-only: binutils' objdump and nm as the reference we compare Capstone with. */
final class Objdump {

    /** One line of objdump's listing; {@code text} is mnemonic and operands, Intel syntax. */
    record Line(long address, String text) {}

    /** A function symbol from nm. */
    record Symbol(long address, long size, String name) {}

    interface LineSink {
        void line(long address, String text);
    }

    private static final Pattern INSTRUCTION = Pattern.compile("^\\s*([0-9a-f]+):\\t(.*)$");
    private static final Pattern NM_FUNCTION = Pattern.compile("^([0-9a-f]+) ([0-9a-f]+) [tTwW] (.*)$");

    private Objdump() {}

    /**
     * Streams {@code objdump -d} of one section. -z disassembles blocks of zeros instead of printing
     * "...", and --no-show-raw-insn keeps every instruction on one line.
     */
    static void disassemble(Path file, String section, long start, long stop, LineSink sink)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("objdump", "-d", "-z", "-M", "intel",
                "--no-show-raw-insn", "-j", section));
        if (start >= 0) {
            command.add("--start-address=0x" + Long.toHexString(start));
            command.add("--stop-address=0x" + Long.toHexString(stop));
        }
        command.add(file.toString());
        run(command, line -> {
            Matcher m = INSTRUCTION.matcher(line);
            if (m.matches()) {
                sink.line(Long.parseUnsignedLong(m.group(1), 16), m.group(2));
            }
        });
    }

    static List<Line> disassemble(Path file, String section, long start, long stop)
            throws IOException, InterruptedException {
        List<Line> lines = new ArrayList<>();
        disassemble(file, section, start, stop, (address, text) -> lines.add(new Line(address, text)));
        return lines;
    }

    /** Function symbols with a size, as nm -S lists them. */
    static List<Symbol> functions(Path file) throws IOException, InterruptedException {
        List<Symbol> symbols = new ArrayList<>();
        run(List.of("nm", "-S", "--defined-only", file.toString()), line -> {
            Matcher m = NM_FUNCTION.matcher(line);
            if (m.matches()) {
                symbols.add(new Symbol(Long.parseUnsignedLong(m.group(1), 16),
                        Long.parseUnsignedLong(m.group(2), 16), m.group(3)));
            }
        });
        return symbols;
    }

    private interface TextSink {
        void accept(String line);
    }

    private static void run(List<String> command, TextSink sink) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.ISO_8859_1), 1 << 16)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                sink.accept(line);
            }
        }
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed");
    }
}
