package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of a directory that opens but fails on first use of its symbols (a .dynsym name offset
 * outside .dynstr) is isolated like one that fails to open: every table answers for the good file
 * alone, and binary_files says what failed.
 */
class LazyErrorIsolationTest {

    private static final int SHT_DYNSYM = 11;

    @TempDir
    Path dir;

    @Test
    void aFileFailingOnFirstUseOfItsSymbolsHidesNoGoodFile() throws Exception {
        Path good = Files.copy(Corpus.fixture("demo-release"), dir.resolve("good"));
        byte[] bytes = Files.readAllBytes(good);
        ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long dynsym = sectionOffset(elf, SHT_DYNSYM);
        elf.putInt((int) dynsym + 24, 0x7fff_0000);
        Path bad = Files.write(dir.resolve("bad"), bytes);

        List<String> tables = List.of("binary_sections", "binary_symbols", "binary_imports", "binary_exports", "rust_crates", "instructions");
        Map<String, Long> alone;
        try (Connection c = DriverManager.getConnection("jdbc:rustbin:" + good)) {
            alone = counts(c, tables);
        }
        try (Connection c = DriverManager.getConnection("jdbc:rustbin:" + dir)) {
            Map<String, Object> errors = SqlResults.pairs(c, "select file_name, error from binary_files");
            assertNull(errors.get("good"));
            String error = String.valueOf(errors.get("bad"));
            assertTrue(error.startsWith(bad + ": ") && error.contains("outside .dynstr"), error);
            assertEquals(alone, counts(c, tables), "each table holds the good file's rows and no others");
        }
    }

    private static Map<String, Long> counts(Connection c, List<String> tables) throws Exception {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : tables) {
            counts.put(table, ((Number) SqlResults.single(c, "select count(*) from " + table)).longValue());
        }
        return counts;
    }

    /** sh_offset of the first section of a type, read from the ELF64 section header table. */
    private static long sectionOffset(ByteBuffer elf, int type) {
        long table = elf.getLong(0x28);
        int size = elf.getShort(0x3a) & 0xffff;
        int count = elf.getShort(0x3c) & 0xffff;
        for (int i = 0; i < count; i++) {
            int header = (int) (table + (long) i * size);
            if (elf.getInt(header + 4) == type) {
                return elf.getLong(header + 0x18);
            }
        }
        throw new AssertionError("no section of type " + type);
    }
}
