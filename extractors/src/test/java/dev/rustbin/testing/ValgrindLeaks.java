package dev.rustbin.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code valgrind --leak-check=full} (memcheck) reports for a program run with stdin from
 * /dev/null: its LEAK SUMMARY counts, and the loss records of definitely lost blocks (bytes and
 * blocks per allocation stack), the independent answer the reachability scan is compared with.
 *
 * @param definiteRecords one entry per loss record of definitely lost blocks
 */
public record ValgrindLeaks(Blocks definitelyLost, Blocks indirectlyLost, Blocks possiblyLost, Blocks stillReachable,
                            List<Blocks> definiteRecords) {

    /** Bytes and blocks of one line of the summary or one loss record. */
    public record Blocks(long bytes, long blocks) {
    }

    private static final Pattern SUMMARY = Pattern.compile("==\\d+==\\s+(definitely lost|indirectly lost|possibly lost|still reachable): "
            + "([\\d,]+) bytes in ([\\d,]+) blocks");
    private static final Pattern DEFINITE_RECORD = Pattern.compile("==\\d+== ([\\d,]+) bytes in ([\\d,]+) blocks are definitely lost in loss record");

    /** Runs {@code fixture arguments} under memcheck (stdin /dev/null) and reads its report. */
    public static ValgrindLeaks of(String fixture, String arguments) {
        try {
            Path log = Files.createTempFile("rustbin-valgrind", ".log");
            try {
                Tools.run(List.of("bash", "-c", "valgrind --leak-check=full --log-file='" + log + "' '" + Corpus.fixture(fixture) + "' "
                        + arguments + " </dev/null >/dev/null"));
                return parse(Files.readAllLines(log));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run valgrind on " + fixture, e);
        }
    }

    static ValgrindLeaks parse(List<String> lines) {
        Blocks[] summary = new Blocks[4];
        List<Blocks> records = new ArrayList<>();
        List<String> kinds = List.of("definitely lost", "indirectly lost", "possibly lost", "still reachable");
        for (String line : lines) {
            Matcher s = SUMMARY.matcher(line);
            if (s.find()) {
                summary[kinds.indexOf(s.group(1))] = new Blocks(number(s.group(2)), number(s.group(3)));
            }
            Matcher r = DEFINITE_RECORD.matcher(line);
            if (r.find()) {
                records.add(new Blocks(number(r.group(1)), number(r.group(2))));
            }
        }
        for (int i = 0; i < summary.length; i++) {
            if (summary[i] == null) {
                throw new IllegalStateException("valgrind printed no '" + kinds.get(i) + "' line: " + lines);
            }
        }
        return new ValgrindLeaks(summary[0], summary[1], summary[2], summary[3], records);
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
