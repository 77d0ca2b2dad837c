package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without Capstone, opening a disassembler fails with a message that says how to install it. */
class MissingLibraryTest {

    private static final String HOW_TO_INSTALL = "install the Capstone library (version 4 or 5): apt-get install libcapstone4"
            + " (Debian 12, Ubuntu 22.04) or libcapstone5 (Ubuntu 24.04, Debian 13), dnf install capstone (Fedora),"
            + " brew install capstone (macOS)";

    @Test
    void aLibraryThatCannotBeFoundIsReportedWithInstallInstructions() {
        DisassemblerUnavailableException e = assertThrows(DisassemblerUnavailableException.class,
                () -> CapstoneLibrary.open(List.of("rustbin-no-such-capstone")));
        assertTrue(e.getMessage().contains(HOW_TO_INSTALL), e.getMessage());
        assertTrue(e.getMessage().contains("rustbin-no-such-capstone"), e.getMessage());
    }

    /**
     * End to end in a fresh JVM, where the library is not loaded yet: the system property points
     * at a library that does not exist, loading disassembler classes still works, and only
     * opening a Disassembler fails, with the install instructions.
     */
    @Test
    void theSystemPropertyChoosesTheLibraryAndLoadingStaysLazy() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-D" + CapstoneLibrary.LIBRARY_PROPERTY + "=/nonexistent/libcapstone-missing.so",
                MissingLibraryProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.waitFor(), output);
        assertTrue(output.contains("classes loaded"), output);
        assertTrue(output.contains("DisassemblerUnavailableException: Capstone disassembler library not found"
                + " (tried /nonexistent/libcapstone-missing.so); " + HOW_TO_INSTALL), output);
    }
}
