package dev.rustbin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only: a block of README.md generated from code (from {@code begin} to {@code end}, markers
 * included) must equal what the code generates now; with {@code -Drustbin.updateReadme=true} the
 * block is rewritten instead.
 */
public final class ReadmeBlocks {

    private ReadmeBlocks() {
    }

    public static void assertCurrent(String begin, String end, String generated, String updateCommand) throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, "README.md lacks the block " + begin);
        if (Boolean.getBoolean("rustbin.updateReadme")) {
            Files.writeString(readme, text.substring(0, from) + generated + text.substring(to + end.length()));
            return;
        }
        assertEquals(generated, text.substring(from, to + end.length()),
                "README.md is out of date: " + updateCommand + " -Drustbin.updateReadme=true");
    }
}
