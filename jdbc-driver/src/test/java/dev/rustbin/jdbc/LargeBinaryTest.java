package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ELF file over 4 GiB: demo-debug with its .text, .symtab, .strtab and .debug_aranges copied,
 * and its section header table moved, past 2^32, .debug_aranges grown past 2 GiB (a sparse file: the
 * holes cost no disk). readelf reads it first; then binary_sections equals readelf's section table,
 * binary_symbols equals readelf's symbols and the original file's, instructions equal the original
 * file's and objdump's count on the large file, and the one section too big to be one value is
 * refused with an error naming the file and the section.
 */
class LargeBinaryTest {

    /** Past 2^32: neither an int nor an unsigned 32-bit offset reaches it. */
    private static final long FAR = (1L << 32) + (1L << 20);
    private static final List<String> MOVED = List.of(".text", ".symtab", ".strtab", ".debug_aranges");
    /** Moved and grown past 2 GiB (its tail a hole of zeros): a section too big for one buffer. */
    private static final String GROWN = ".debug_aranges";
    private static final long GROWN_SIZE = (1L << 31) + (1L << 20);
    private static final Pattern READELF_SECTION = Pattern.compile(
            "^\\s*\\[\\s*(\\d+)]\\s+(\\S+)\\s+\\S+\\s+[0-9a-f]+\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s");
    private static final Pattern READELF_SYMBOL = Pattern.compile("^\\s*\\d+:\\s+([0-9a-f]+)\\s+(\\d+|0x[0-9a-f]+)\\s");

    @Test
    void sectionsSymbolsAndInstructionsOfAnElfWhoseTablesLiePastFourGiB(@TempDir Path dir) throws Exception {
        Path original = Corpus.fixture("demo-debug");
        Path large = dir.resolve("demo-large");
        Map<String, Long> movedTo = relocate(original, large);
        assertTrue(Files.size(large) > FAR, "the file is over 4 GiB");
        long diskKib = Long.parseLong(Tools.run(List.of("du", "-k", large.toString())).split("\\s+")[0]);
        assertTrue(diskKib < 2 * Files.size(original) / 1024 + 1024, "the file stays sparse: " + diskKib + " KiB on disk");

        // The independent reader agrees the file is what the test meant to build.
        Map<String, long[]> readelf = readelfSections(large);
        for (String name : MOVED) {
            assertEquals(movedTo.get(name), readelf.get(name)[0], "readelf's offset of " + name);
        }
        List<String> readelfSymbols = readelfSymbols(large);
        assertEquals(readelfSymbols(original), readelfSymbols, "readelf reads the same symbols from both files");

        try (Connection big = DriverManager.getConnection("jdbc:rustbin:" + large);
             Connection small = DriverManager.getConnection("jdbc:rustbin:" + original)) {
            List<List<Object>> sections = SqlResults.rows(big,
                    "select section_index, section_name, file_offset, size from binary_sections where section_index > 0 order by section_index");
            assertEquals(readelf.size(), sections.size(), "section count");
            for (List<Object> s : sections) {
                long[] expected = readelf.get((String) s.get(1));
                assertEquals(expected[0], ((Number) s.get(2)).longValue(), "file_offset of " + s.get(1));
                assertEquals(expected[1], ((Number) s.get(3)).longValue(), "size of " + s.get(1));
            }

            assertEquals(GROWN_SIZE, readelf.get(GROWN)[1], "readelf's size of " + GROWN);
            SQLException tooBig = assertThrows(SQLException.class, () -> SqlResults.rows(big,
                    "select octet_length(content) from binary_sections where section_name = '" + GROWN + "'"));
            assertTrue(tooBig.getMessage().contains(large.toString()) && tooBig.getMessage().contains("section " + GROWN)
                    && tooBig.getMessage().contains("at most 2 GiB"), tooBig.getMessage());
            assertEquals(List.of(List.of(1L)), SqlResults.rows(big,
                    "select count(*) from binary_sections where section_name = '" + GROWN + "'"), "the section's row without its content");

            String symbols = "select symbol_address, symbol_size, symbol_name, symbol_type, section_name, is_dynamic"
                    + " from binary_symbols order by is_dynamic desc, symbol_address, symbol_name, symbol_size";
            List<List<Object>> ours = SqlResults.rows(big, symbols);
            assertEquals(SqlResults.rows(small, symbols), ours, "symbols of the large file and of the original");
            List<String> ourAddressesAndSizes = new ArrayList<>();
            for (List<Object> row : ours) {
                ourAddressesAndSizes.add(Long.toHexString(((Number) row.get(0)).longValue()) + " " + row.get(1));
            }
            assertEquals(readelfSymbols.stream().sorted().toList(), ourAddressesAndSizes.stream().sorted().toList(),
                    "symbol addresses and sizes against readelf -sW");

            String code = "select address, size, mnemonic, operands from instructions where section_name = '.text' order by address";
            List<List<Object>> instructions = SqlResults.rows(big, code);
            assertEquals(SqlResults.rows(small, code), instructions, "instructions of the moved .text");
            long objdump = InstructionsTableTest.objdumpCounts(large).get(".text");
            assertTrue(Math.abs(instructions.size() - objdump) <= objdump / 1000,
                    "rustbin " + instructions.size() + " instructions in .text, objdump " + objdump);
        }
    }

    /**
     * Writes {@code original} to {@code target}, then copies the {@link #MOVED} sections and the
     * section header table from {@link #FAR} on, pointing the headers at the copies.
     */
    private static Map<String, Long> relocate(Path original, Path target) throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(original)).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = elf.getLong(0x28);
        int entrySize = elf.getShort(0x3a) & 0xffff;
        int count = elf.getShort(0x3c) & 0xffff;
        int namesIndex = elf.getShort(0x3e) & 0xffff;
        ByteBuffer headers = ByteBuffer.allocate(count * entrySize).order(ByteOrder.LITTLE_ENDIAN);
        headers.put(0, elf.array(), (int) shoff, count * entrySize);
        long namesAt = headers.getLong(namesIndex * entrySize + 24);
        Map<String, Long> movedTo = new TreeMap<>();
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(elf.duplicate().clear(), 0);
            long cursor = FAR;
            for (int i = 1; i < count; i++) {
                int h = i * entrySize;
                String name = cString(elf, (int) (namesAt + headers.getInt(h)));
                if (MOVED.contains(name)) {
                    long offset = headers.getLong(h + 24);
                    long size = headers.getLong(h + 32);
                    out.write(ByteBuffer.wrap(elf.array(), (int) offset, (int) size), cursor);
                    headers.putLong(h + 24, cursor);
                    movedTo.put(name, cursor);
                    if (name.equals(GROWN)) {
                        size = GROWN_SIZE;
                        headers.putLong(h + 32, size);
                    }
                    cursor = (cursor + size + 4095) & -4096L;
                }
            }
            assertEquals(MOVED.size(), movedTo.size(), "demo-debug has " + MOVED);
            out.write(headers.clear(), cursor);
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, cursor), 0x28);
        }
        return movedTo;
    }

    private static String cString(ByteBuffer bytes, int at) {
        int end = at;
        while (bytes.get(end) != 0) {
            end++;
        }
        return new String(bytes.array(), at, end - at, StandardCharsets.UTF_8);
    }

    /** readelf -SW: section name to {file offset, size}, without the null section. */
    private static Map<String, long[]> readelfSections(Path file) {
        Map<String, long[]> out = new TreeMap<>();
        for (String line : Tools.run(List.of("readelf", "-SW", file.toString())).split("\n")) {
            Matcher m = READELF_SECTION.matcher(line);
            if (m.find() && !m.group(1).equals("0")) {
                out.put(m.group(2), new long[] {Long.parseLong(m.group(3), 16), Long.parseLong(m.group(4), 16)});
            }
        }
        return out;
    }

    /** readelf -sW: "value size" (hex value, decimal size) of every symbol but each table's null entry 0. */
    private static List<String> readelfSymbols(Path file) {
        List<String> out = new ArrayList<>();
        for (String line : Tools.run(List.of("readelf", "-sW", file.toString())).split("\n")) {
            Matcher m = READELF_SYMBOL.matcher(line);
            if (m.find() && !line.strip().startsWith("0:")) {
                String size = m.group(2);
                out.add(Long.toHexString(Long.parseUnsignedLong(m.group(1), 16)) + " "
                        + (size.startsWith("0x") ? Long.parseLong(size.substring(2), 16) : Long.parseLong(size)));
            }
        }
        return out;
    }
}
