package dev.rustbin.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files give one clear error naming the file and the problem: never a crash, hang or OOM. */
class BadInputTest {

    @TempDir
    static Path dir;

    static byte[] demo;

    @BeforeAll
    static void readDemo() throws IOException {
        demo = Files.readAllBytes(Corpus.fixture("demo-release"));
    }

    private static String errorFor(Path file) {
        return BadInputs.errorFor(file);
    }

    private static Path variant(String name, Consumer<ByteBuffer> corrupt) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(demo.clone()).order(ByteOrder.LITTLE_ENDIAN);
        corrupt.accept(bytes);
        Path file = dir.resolve(name);
        Files.write(file, bytes.array());
        return file;
    }

    private static Path withBytes(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** Offset of the section header table and of one header (Elf64 layout). */
    private static int sectionHeader(int index) {
        return (int) ByteBuffer.wrap(demo).order(ByteOrder.LITTLE_ENDIAN).getLong(0x28) + 64 * index;
    }

    private static int sectionIndex(String type) {
        ByteBuffer b = ByteBuffer.wrap(demo).order(ByteOrder.LITTLE_ENDIAN);
        int count = b.getShort(0x3c) & 0xffff;
        int wanted = switch (type) {
            case "SYMTAB" -> 2;
            case "STRTAB" -> 3;
            default -> throw new IllegalArgumentException(type);
        };
        for (int i = 0; i < count; i++) {
            if (b.getInt(sectionHeader(i) + 4) == wanted) {
                return i;
            }
        }
        throw new IllegalStateException("no " + type);
    }

    @Test
    void missingFile() {
        assertEquals("no such file or directory", errorFor(dir.resolve("does-not-exist")));
    }

    @Test
    void notABinary() throws IOException {
        assertEquals("not an ELF, Mach-O or PE binary", errorFor(withBytes("notes.txt", "hello, not a program\n".getBytes())));
        assertEquals("not an ELF, Mach-O or PE binary", errorFor(withBytes("empty-file", new byte[0])));
    }

    @Test
    void truncatedHeader() throws IOException {
        assertTrue(errorFor(withBytes("tiny", new byte[] {0x7f, 'E', 'L', 'F', 2, 1})).contains("truncated ELF header"));
    }

    @Test
    void truncatedFileLosesItsSectionHeaders() throws IOException {
        byte[] half = java.util.Arrays.copyOf(demo, demo.length / 2);
        assertTrue(errorFor(withBytes("half", half)).contains("past the end of the file"));
    }

    @Test
    void sectionHeaderTablePastTheEnd() throws IOException {
        Path file = variant("shoff", b -> b.putLong(0x28, demo.length + 4096L));
        assertTrue(errorFor(file).contains("section header table"));
    }

    @Test
    void absurdSectionCount() throws IOException {
        Path file = variant("shnum", b -> b.putShort(0x3c, (short) 0xfeff));
        String problem = errorFor(file);
        assertTrue(problem.contains("section header"), problem);
    }

    @Test
    void sectionWithAbsurdSize() throws IOException {
        int symtab = sectionIndex("SYMTAB");
        Path file = variant("shsize", b -> b.putLong(sectionHeader(symtab) + 32, Long.MAX_VALUE - 16));
        assertTrue(errorFor(file).contains("section [" + symtab + "]"));
    }

    @Test
    void symbolNameOffsetOutOfRange() throws IOException {
        int symtab = sectionIndex("SYMTAB");
        long symtabOffset = ByteBuffer.wrap(demo).order(ByteOrder.LITTLE_ENDIAN).getLong(sectionHeader(symtab) + 24);
        Path file = variant("stname", b -> b.putInt((int) symtabOffset + 24 * 5, 0x7fff_fff0));
        String problem = errorFor(file);
        assertTrue(problem.contains("string offset 2147483632 is outside .strtab"), problem);
    }

    @Test
    void symbolTableLinkedToANonStringTable() throws IOException {
        int symtab = sectionIndex("SYMTAB");
        Path file = variant("link", b -> b.putInt(sectionHeader(symtab) + 40, symtab));
        assertTrue(errorFor(file).contains("which is not a string table"));
    }

    @Test
    void programHeadersPastTheEnd() throws IOException {
        Path file = variant("phoff", b -> b.putLong(0x20, demo.length - 8L));
        assertTrue(errorFor(file).contains("program header table"));
    }

    /** Thousands of random corruptions of the headers: each file reads or fails with our error, nothing else. */
    @Test
    void randomCorruptionNeverEscapesAsAnotherError() throws IOException {
        int shoff = sectionHeader(0);
        int headerBytes = demo.length - shoff;
        int failures = BadInputs.fuzz(demo, dir.resolve("fuzzed"), 20261124, 1500,
                random -> random.nextBoolean() ? random.nextInt(0x40 + 12 * 56) : shoff + random.nextInt(headerBytes));
        assertTrue(failures > 100, "the corruptions should break many files, broke " + failures);
    }

    @Test
    void directoryKeepsGoodFilesNextToBadOnes() throws IOException {
        Path mixed = Files.createDirectories(dir.resolve("mixed dir"));
        Files.copy(Corpus.fixture("demo-release"), mixed.resolve("good"));
        Files.write(mixed.resolve("broken"), java.util.Arrays.copyOf(demo, demo.length / 2));
        Files.writeString(mixed.resolve("README.txt"), "not a binary");
        try (BinaryCatalog catalog = BinaryCatalog.of(List.of(mixed))) {
            List<LoadedBinary> loaded = catalog.load();
            assertEquals(List.of(mixed.resolve("broken"), mixed.resolve("good")), loaded.stream().map(LoadedBinary::path).toList());
            assertNull(loaded.get(0).image());
            assertTrue(loaded.get(0).error().contains("past the end of the file"), loaded.get(0).error());
            assertNotNull(loaded.get(1).image());
            assertTrue(loaded.get(1).image().symbols().size() > 1000);
        }
    }

    @Test
    void emptyDirectoryAndNamedBadFileFailAtOnce() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        BinaryFormatException e = assertThrows(BinaryFormatException.class, () -> BinaryCatalog.of(List.of(empty)));
        assertEquals(empty + ": directory holds no ELF, Mach-O or PE binaries", e.getMessage());
        Path text = withBytes("named.txt", "text".getBytes());
        assertThrows(BinaryFormatException.class, () -> BinaryCatalog.of(List.of(text)));
    }
}
