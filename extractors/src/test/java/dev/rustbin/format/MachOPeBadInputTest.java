package dev.rustbin.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken Mach-O, universal and PE files give one clear error naming the file: truncated load
 * commands, ranges past the end, absurd counts, a universal header pointing outside the file, PE
 * headers past the end, and thousands of random header corruptions.
 */
class MachOPeBadInputTest {

    private static final int LC_SEGMENT_64 = 0x19;
    private static final int LC_SYMTAB = 0x2;

    @TempDir
    static Path dir;

    static byte[] universal;
    /** The arm64 slice of the universal file, as a thin Mach-O file of its own. */
    static byte[] machO;
    static byte[] pe;

    @BeforeAll
    static void readOriginals() throws IOException {
        universal = Files.readAllBytes(Corpus.foreign("rrule-darwin-universal.node"));
        pe = Files.readAllBytes(Corpus.foreign("rollup-win32-x64-gnu.dll"));
        ByteBuffer fat = ByteBuffer.wrap(universal);
        for (int i = 0; i < fat.getInt(4); i++) {
            int entry = 8 + 20 * i;
            if (fat.getInt(entry) == 0x0100000c) {
                machO = Arrays.copyOfRange(universal, fat.getInt(entry + 8), fat.getInt(entry + 8) + fat.getInt(entry + 12));
            }
        }
    }

    private static Path variant(byte[] original, String name, Consumer<ByteBuffer> corrupt) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(original.clone()).order(ByteOrder.LITTLE_ENDIAN);
        corrupt.accept(bytes);
        Path file = dir.resolve(name);
        Files.write(file, bytes.array());
        return file;
    }

    /** File offset of the first load command of {@code type} in the thin Mach-O file. */
    private static int machOCommand(int type) {
        ByteBuffer b = ByteBuffer.wrap(machO).order(ByteOrder.LITTLE_ENDIAN);
        int p = 32;
        for (int i = 0; i < b.getInt(16); i++, p += b.getInt(p + 4)) {
            if (b.getInt(p) == type && (type != LC_SEGMENT_64 || b.getInt(p + 64) > 0)) {
                return p;
            }
        }
        throw new IllegalStateException("no load command " + type);
    }

    private static int peHeader() {
        return ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN).getInt(0x3c);
    }

    @Test
    void machOLoadCommandsPastTheEnd() throws IOException {
        String problem = BadInputs.errorFor(variant(machO, "sizeofcmds", b -> b.putInt(20, machO.length)));
        assertTrue(problem.startsWith("load commands (" + machO.length + " bytes) lie past the end of the file"), problem);
    }

    @Test
    void machOLoadCommandOfSizeZero() throws IOException {
        String problem = BadInputs.errorFor(variant(machO, "cmdsize", b -> b.putInt(36, 0)));
        assertTrue(problem.startsWith("load command 0 (0x19) claims 0 bytes"), problem);
    }

    @Test
    void machOAbsurdLoadCommandCount() throws IOException {
        String problem = BadInputs.errorFor(variant(machO, "ncmds", b -> b.putInt(16, Integer.MAX_VALUE)));
        assertTrue(problem.startsWith("header claims 2147483647 load commands"), problem);
    }

    @Test
    void machOSectionPastTheEnd() throws IOException {
        int section = machOCommand(LC_SEGMENT_64) + 72;
        String problem = BadInputs.errorFor(variant(machO, "section", b -> b.putInt(section + 48, 0x7fff0000)));
        assertTrue(problem.startsWith("section __TEXT,__text spans file bytes 0x7fff0000"), problem);
    }

    @Test
    void machOAbsurdSymbolCount() throws IOException {
        int symtab = machOCommand(LC_SYMTAB);
        String problem = BadInputs.errorFor(variant(machO, "nsyms", b -> b.putInt(symtab + 12, 0x0fffffff)));
        assertTrue(problem.startsWith("symbol table (268435455 entries) at"), problem);
    }

    @Test
    void truncatedFiles() throws IOException {
        for (byte[] original : List.of(machO, pe, universal)) {
            Path half = dir.resolve("half");
            Files.write(half, Arrays.copyOf(original, original.length / 2));
            assertTrue(BadInputs.errorFor(half).contains("past the end of the file"));
        }
    }

    @Test
    void universalHeaderPointingOutsideTheFile() throws IOException {
        Path file = dir.resolve("fat-outside");
        byte[] bytes = universal.clone();
        ByteBuffer.wrap(bytes).putInt(8 + 8, 0x7ffffff0);
        Files.write(file, bytes);
        String problem = BadInputs.errorFor(file);
        assertTrue(problem.startsWith("universal header puts the x86_64 slice at 0x7ffffff0+"), problem);
        // Listed in a directory, the broken universal file is one target that reports the problem.
        Path listed = Files.createDirectories(dir.resolve("with-broken-fat"));
        Files.copy(file, listed.resolve("broken.node"));
        try (BinaryCatalog catalog = BinaryCatalog.of(List.of(listed))) {
            LoadedBinary loaded = catalog.load().get(0);
            assertNull(loaded.image());
            assertTrue(loaded.error().contains("universal header puts the x86_64 slice"), loaded.error());
        }
    }

    @Test
    void missingSliceAndSliceOfAThinFile() throws IOException {
        Path fat = variant(universal, "fat.node", b -> { });
        assertEquals("universal file has no ppc slice (it has [x86_64, arm64])", BadInputs.errorFor(fat, "ppc"));
        Path thin = variant(machO, "thin", b -> { });
        assertTrue(BadInputs.errorFor(thin, "arm64").startsWith("has no architecture slices"));
    }

    @Test
    void peHeaderPastTheEnd() throws IOException {
        String problem = BadInputs.errorFor(variant(pe, "lfanew", b -> b.putInt(0x3c, pe.length + 100)));
        assertTrue(problem.startsWith(String.format("PE header at 0x%x+0x18 lies past the end of the file", pe.length + 100)), problem);
    }

    @Test
    void peAbsurdSectionCount() throws IOException {
        String problem = BadInputs.errorFor(variant(pe, "nsections", b -> b.putShort(peHeader() + 6, (short) 0xffff)));
        assertTrue(problem.startsWith("section table (65535 sections) at"), problem);
    }

    @Test
    void peSectionPastTheEnd() throws IOException {
        int sectionTable = peHeader() + 24 + (ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN).getShort(peHeader() + 20) & 0xffff);
        String problem = BadInputs.errorFor(variant(pe, "rawdata", b -> b.putInt(sectionTable + 20, 0x7fff0000)));
        assertTrue(problem.startsWith("section .text spans file bytes 0x7fff0000"), problem);
    }

    @Test
    void peImportDirectoryInNoSection() throws IOException {
        int importDirectory = peHeader() + 24 + 112 + 8;
        String problem = BadInputs.errorFor(variant(pe, "imports", b -> b.putInt(importDirectory, 0x7fff0000)));
        assertEquals("import descriptor at RVA 0x7fff0000 lies in no section", problem);
    }

    @Test
    void peUnknownOptionalHeader() throws IOException {
        String problem = BadInputs.errorFor(variant(pe, "magic", b -> b.putShort(peHeader() + 24, (short) 0x1234)));
        assertEquals("unknown optional header magic 0x1234", problem);
    }

    @Test
    void randomMachOCorruptionNeverEscapesAsAnotherError() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(machO).order(ByteOrder.LITTLE_ENDIAN);
        int commandsEnd = 32 + b.getInt(20);
        int symbols = b.getInt(machOCommand(LC_SYMTAB) + 8);
        int failures = BadInputs.fuzz(machO, dir.resolve("fuzzed-macho"), 5, 800,
                random -> random.nextInt(4) > 0 ? random.nextInt(commandsEnd) : symbols + random.nextInt(16 * 64));
        assertTrue(failures > 100, "the corruptions should break many files, broke " + failures);
    }

    @Test
    void randomUniversalHeaderCorruptionNeverEscapesAsAnotherError() throws IOException {
        int failures = BadInputs.fuzz(universal, dir.resolve("fuzzed-fat"), 6, 150, random -> random.nextInt(8 + 2 * 20));
        assertTrue(failures > 30, "the corruptions should break many files, broke " + failures);
    }

    @Test
    void randomPeCorruptionNeverEscapesAsAnotherError() throws IOException {
        int headers = ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN).getInt(peHeader() + 24 + 60);
        List<int[]> directories = new java.util.ArrayList<>();
        try (BinaryImage image = BinaryOpener.open(Corpus.foreign("rollup-win32-x64-gnu.dll"))) {
            for (Section s : image.sections()) {
                if (s.name().equals(".idata") || s.name().equals(".edata")) {
                    directories.add(new int[] {(int) s.fileOffset(), (int) s.fileSize()});
                }
            }
        }
        assertEquals(2, directories.size());
        int failures = BadInputs.fuzz(pe, dir.resolve("fuzzed-pe"), 7, 800, random -> {
            if (random.nextBoolean()) {
                return random.nextInt(headers);
            }
            int[] area = directories.get(random.nextInt(directories.size()));
            return area[0] + random.nextInt(Math.min(area[1], 512));
        });
        assertTrue(failures > 100, "the corruptions should break many files, broke " + failures);
    }
}
