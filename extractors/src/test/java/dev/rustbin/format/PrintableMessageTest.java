package dev.rustbin.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt name in an error message comes out escaped: one printable line, never raw bytes. */
class PrintableMessageTest {

    @TempDir
    Path dir;

    @Test
    void aPeSectionNameOfNonUtf8BytesIsEscaped() throws Exception {
        byte[] pe = Files.readAllBytes(Corpus.fixtures().resolve("foreign/rollup-win32-x64-gnu.dll"));
        ByteBuffer b = ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN);
        int header = b.getInt(0x3c);
        int firstSection = header + 24 + (b.getShort(header + 20) & 0xffff);
        byte[] name = {(byte) 0xff, (byte) 0xfe, 0x1b, 'H', (byte) 0xc3, 0x07, 'x', 0};
        b.put(firstSection, name);
        b.putInt(firstSection + 20, 0x7fff_0000);
        Path file = Files.write(dir.resolve("bad-name.dll"), pe);
        String message = assertThrows(BinaryFormatException.class, () -> BinaryOpener.open(file).sections()).getMessage();
        assertTrue(message.startsWith(file + ": section \\ufffd\\ufffd\\x1bH\\ufffd\\x07x spans "), message);
        assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), message);
    }

    @Test
    void printableTextAndOtherScriptsStayAsTheyAre() {
        assertEquals("/tmp/демо 🦀: section .text", BinaryFormatException.printable("/tmp/демо 🦀: section .text"));
        assertEquals("a\\x0ab\\x9bc\\u200e", BinaryFormatException.printable("a\nb\u009bc\u200e"));
    }
}
