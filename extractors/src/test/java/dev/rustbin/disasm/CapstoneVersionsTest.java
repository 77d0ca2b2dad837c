package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Capstone 4 and 5 read through their own structure layouts give the same instructions and
 * details (a wrong offset garbles nearly every operand). It needs both libraries: the system's
 * (Debian 12 ships only 4) and a Capstone 5 named by {@code -Drustbin.test.capstone5=PATH} or found
 * by ldconfig; without one of them it is skipped. The versions themselves differ on under 2% of
 * instructions: Capstone 5 decodes newer vector instructions, prints some immediates unsigned,
 * names x30 lr and corrects some operand access flags.
 */
class CapstoneVersionsTest {

    private static final int INSTRUCTIONS = 20_000;

    @Test
    void bothVersionsReadTheSameDetail() throws Exception {
        Optional<String> v4 = library("libcapstone.so.4", null);
        Optional<String> v5 = library("libcapstone.so.5", System.getProperty("rustbin.test.capstone5"));
        Assumptions.assumeTrue(v4.isPresent() && v5.isPresent(), "needs Capstone 4 and 5 libraries (-Drustbin.test.capstone5=PATH)");
        List<String> four = probe(v4.get());
        List<String> five = probe(v5.get());
        assertEquals("capstone 4", four.get(0));
        assertEquals("capstone 5", five.get(0));
        assertEquals(four.size(), five.size(), "the same instructions are decoded");
        assertEquals(four.get(1), five.get(1), "x86-64 memory operand: base, index, scale, displacement");
        int arm64 = IntStream.range(0, four.size()).filter(i -> four.get(i).contains("|ldr|")).findFirst().orElseThrow();
        assertEquals(four.get(arm64), five.get(arm64), "AArch64 register-offset operand, shifted index");
        long same = IntStream.range(0, four.size()).filter(i -> four.get(i).equals(five.get(i))).count();
        assertTrue(same >= 0.98 * four.size(), same + " of " + four.size() + " lines agree");
    }

    private static List<String> probe(String library) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-D" + CapstoneLibrary.LIBRARY_PROPERTY + "=" + library,
                CapstoneVersionProbe.class.getName(), Binaries.fixture("demo-release").toString(), Integer.toString(INSTRUCTIONS));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    /** {@code configured} if set, else the path ldconfig knows for {@code soname}. */
    private static Optional<String> library(String soname, String configured) throws Exception {
        if (configured != null && !configured.isBlank()) {
            assertTrue(Files.isRegularFile(Path.of(configured)), configured + " does not exist");
            return Optional.of(configured);
        }
        Process p = new ProcessBuilder("ldconfig", "-p").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.strip().startsWith(soname + " ") && l.contains("x86-64"))
                .map(l -> l.substring(l.indexOf("=> ") + 3).strip()).findFirst();
    }
}
