package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Capstone sorts a global x86 table on its first use without a lock (see CapstoneLibrary); when
 * threads decoded for the first time at once, operands went missing for the rest of the process
 * (seen as Spark's two tasks disagreeing with JDBC on {@code cmp eax, imm32}). Each run is a fresh
 * JVM, as the race only exists before the first decode, and many of them, as one race may go either
 * way: without the fix, 1 run in 12 lost the operand on this 2-core machine, so 40 runs catch it
 * 96 times in 100.
 */
class ConcurrentFirstDecodeTest {

    private static final int RUNS = 40;

    @Test
    void threadsDecodingForTheFirstTimeAtOnceAllSeeTheImplicitRegister() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        for (int run = 0; run < RUNS; run++) {
            Process probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    FirstDecodeRaceProbe.class.getName()).redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, probe.waitFor(), output);
            assertEquals("decoded 32000 wrong 0", output.strip(), "run " + run);
        }
    }
}
