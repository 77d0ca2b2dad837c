package dev.rustbin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Section;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections as objcopy rewrites them: compressed three ways, and a corrupt line table. */
class CompressedSectionsTest {

    @TempDir
    Path dir;

    @Test
    void compressedCopiesGiveTheSameRowsAndFunctions() {
        Path original = Corpus.fixture("allocdemo");
        List<LineTableRow> lines = lines(original);
        List<FunctionRow> functions = functions(original);
        for (String kind : List.of("zlib", "zstd", "zlib-gnu")) {
            Path copy = dir.resolve("allocdemo-" + kind);
            Tools.run(List.of("objcopy", "--compress-debug-sections=" + kind, original.toString(), copy.toString()));
            assertTrue(Tools.run(List.of("readelf", "-S", "-W", copy.toString())).contains(kind.equals("zlib-gnu") ? ".zdebug_line" : ".debug_line"));
            assertEquals(lines, lines(copy), kind);
            assertEquals(functions, functions(copy), kind);
        }
    }

    /** A line program whose header claims an impossible version: one clear error naming file and section; other tables still read. */
    @Test
    void corruptLineTableFailsClearlyAndFunctionsStillRead() throws IOException {
        Path copy = dir.resolve("allocdemo-corrupt");
        Files.copy(Corpus.fixture("allocdemo"), copy);
        long lineOffset;
        try (BinaryImage image = BinaryOpener.open(copy)) {
            Section line = image.sections().stream().filter(s -> s.name().equals(".debug_line")).findFirst().orElseThrow();
            lineOffset = line.fileOffset();
        }
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0x63, 0}), lineOffset + 4);
        }
        BinaryFormatException e = assertThrows(BinaryFormatException.class, () -> lines(copy));
        assertEquals(copy + ": .debug_line: line program at 0x0: version 99", e.getMessage());
        assertTrue(functions(copy).size() > 100);
        try (BinaryImage image = BinaryOpener.open(copy)) {
            assertTrue(CompileUnitScan.of(image).size() > 5);
        }
    }

    private static List<LineTableRow> lines(Path binary) {
        try (BinaryImage image = BinaryOpener.open(binary)) {
            List<LineTableRow> rows = new ArrayList<>();
            new LineTableScan(image).forEachRemaining(rows::add);
            return rows;
        }
    }

    private static List<FunctionRow> functions(Path binary) {
        try (BinaryImage image = BinaryOpener.open(binary)) {
            List<FunctionRow> rows = new ArrayList<>();
            new FunctionScan(image).forEachRemaining(rows::add);
            return rows;
        }
    }
}
