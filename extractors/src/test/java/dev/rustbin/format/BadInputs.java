package dev.rustbin.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** What the bad-input tests of every format share: read all a query could touch, expect our error, fuzz. */
final class BadInputs {

    private BadInputs() {
    }

    /** Opens the file (or one slice of it) and reads everything a query could touch. */
    static void readAll(Path file, String slice) {
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            image.info();
            image.segments();
            for (Section s : image.sections()) {
                image.contentOf(s);
            }
            image.symbols();
            image.libraries();
            image.imports();
            image.exports();
        }
    }

    /** The problem part of the {@link BinaryFormatException} reading the file must throw, after "path: ". */
    static String errorFor(Path file) {
        return errorFor(file, null);
    }

    static String errorFor(Path file, String slice) {
        BinaryFormatException e = assertThrows(BinaryFormatException.class, () -> readAll(file, slice));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertEquals(file, e.file());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    /** Where a round may write random bytes: a number of positions drawn per round. */
    interface Target {
        int pick(Random random);
    }

    /**
     * {@code rounds} copies of {@code original}, each with one to six random bytes written at positions
     * {@code target} picks: each copy reads or fails with our error naming the file, nothing else.
     *
     * @return how many copies failed to read
     */
    static int fuzz(byte[] original, Path file, long seed, int rounds, Target target) throws IOException {
        Random random = new Random(seed);
        int failures = 0;
        for (int round = 0; round < rounds; round++) {
            byte[] bytes = original.clone();
            for (int k = 1 + random.nextInt(6); k > 0; k--) {
                bytes[target.pick(random)] = (byte) random.nextInt(256);
            }
            Files.write(file, bytes);
            try {
                readAll(file, null);
            } catch (BinaryFormatException e) {
                assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
                failures++;
            } catch (RuntimeException | Error e) {
                fail("round " + round + " escaped as " + e, e);
            }
        }
        return failures;
    }
}
