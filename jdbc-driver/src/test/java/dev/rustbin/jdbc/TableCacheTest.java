package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.disasm.InstructionScan;
import dev.rustbin.schema.InstructionsTable;
import dev.rustbin.testing.Corpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table cache over real binaries: a second query reads the entry instead of disassembling
 * (counted in instructions decoded), a rewritten binary gets new answers, a damaged entry is rebuilt
 * and never served, two JVMs filling one entry at once both answer and leave it valid, least
 * recently used entries go under a small bound, answers are the same with the cache on and off,
 * and a thousand warm queries leave no Arrow byte allocated and no cache file mapped.
 */
class TableCacheTest {

    static final String HISTOGRAM = "select mnemonic, count(*) from instructions group by mnemonic";

    @TempDir
    Path dir;

    private Path cacheDir() {
        return dir.resolve("cache");
    }

    private Connection open(Path binary, String... settings) throws SQLException {
        Properties p = new Properties();
        p.setProperty("cache_dir", cacheDir().toString());
        for (int i = 0; i < settings.length; i += 2) {
            p.setProperty(settings[i], settings[i + 1]);
        }
        return DriverManager.getConnection(RustbinDriver.PREFIX + binary, p);
    }

    static Map<String, Long> histogram(Connection c) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (List<Object> row : SqlResults.rows(c, HISTOGRAM)) {
            counts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return counts;
    }

    private Map<String, Long> uncachedHistogram(Path binary) throws SQLException {
        try (Connection c = open(binary, "cache", "false")) {
            return histogram(c);
        }
    }

    private List<List<Object>> uncachedRows(Path binary, String sql) throws SQLException {
        try (Connection c = open(binary, "cache", "false")) {
            return SqlResults.rows(c, sql);
        }
    }

    private static long decoded() {
        return InstructionScan.INSTRUCTIONS_DECODED.get();
    }

    private List<Path> entries() throws IOException {
        if (!Files.isDirectory(cacheDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cacheDir())) {
            return files.sorted().toList();
        }
    }

    private List<Path> entriesOf(String table) throws IOException {
        return entries().stream().filter(p -> p.getFileName().toString().startsWith(table + "-")).toList();
    }

    private static String plan(Connection c, String sql) throws SQLException {
        return (String) SqlResults.single(c, "explain plan for " + sql);
    }

    @Test
    void aSecondQueryReadsTheEntryInsteadOfDisassembling() throws Exception {
        Path binary = Corpus.fixture("demo-release");
        Map<String, Long> expected = uncachedHistogram(binary);
        assertTrue(expected.get("call") > 1000, "a real histogram: " + expected.get("call"));
        try (Connection c = open(binary)) {
            assertTrue(plan(c, HISTOGRAM).contains("cache=[miss]"), plan(c, HISTOGRAM));
            long before = decoded();
            assertEquals(expected, histogram(c));
            long extracted = decoded() - before;
            assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), extracted, "the first query disassembles the binary once");
            assertTrue(plan(c, HISTOGRAM).contains("cache=[hit]"), plan(c, HISTOGRAM));
            before = decoded();
            assertEquals(expected, histogram(c));
            String ret = "select count(*) from instructions where mnemonic = 'ret'";
            assertEquals(expected.get("ret"), ((Number) SqlResults.single(c, ret)).longValue(), "a filter over the cached column");
            assertEquals(0, decoded() - before, "warm queries disassemble nothing");
            String pruned = "select count(*) from instructions where symbol_name = 'main'";
            assertTrue(plan(c, pruned).contains("cache=[bypass]"), plan(c, pruned));
        }
        try (Connection again = open(binary)) {
            long before = decoded();
            assertEquals(expected, histogram(again));
            assertEquals(0, decoded() - before, "another connection reads the same entry");
        }
        assertEquals(1, entriesOf("instructions").size(), entries().toString());
        try (Connection off = open(binary, "cache", "false")) {
            assertTrue(plan(off, HISTOGRAM).contains("cache=[off]"), plan(off, HISTOGRAM));
        }
    }

    @Test
    void aQueryOfOtherColumnsWidensTheEntryInsteadOfAddingOne() throws Exception {
        Path binary = Corpus.fixture("demo-release");
        Map<String, Long> expected = uncachedHistogram(binary);
        long instructions = expected.values().stream().mapToLong(Long::longValue).sum();
        String sizes = "select sum(size), count(distinct address) from instructions";
        List<List<Object>> expectedSizes = uncachedRows(binary, sizes);
        try (Connection c = open(binary)) {
            assertEquals(expected, histogram(c));
            assertEquals(1, entriesOf("instructions").size(), entries().toString());
            long before = decoded();
            assertEquals(expectedSizes, SqlResults.rows(c, sizes));
            assertEquals(instructions, decoded() - before, "new columns: the binary is disassembled once more, for the old columns too");
            List<Path> left = entriesOf("instructions");
            assertEquals(1, left.size(), "the wider entry replaced the narrower: " + left);
            String name = left.get(0).getFileName().toString();
            long stored = Long.parseUnsignedLong(name.substring(name.lastIndexOf('-') + 1, name.length() - ".arrow".length()), 16);
            for (String column : List.of("mnemonic", "size", "address")) {
                assertTrue((stored & (1L << InstructionsTable.TABLE.columnIndex(column))) != 0, column + " in " + name);
            }
            before = decoded();
            assertEquals(expected, histogram(c));
            assertEquals(expectedSizes, SqlResults.rows(c, sizes));
            assertEquals(List.of(List.of(instructions)), SqlResults.rows(c, "select count(*) from instructions where size > 0 and mnemonic <> ''"));
            assertEquals(0, decoded() - before, "every one of these columns comes from the one entry");
        }
    }

    @Test
    void aRewrittenBinaryGetsTheNewBinarysAnswers() throws Exception {
        Path app = dir.resolve("app");
        Files.copy(Corpus.fixture("demo-release"), app);
        Map<String, Long> before = uncachedHistogram(app);
        String symbols = "select count(*), sum(symbol_size) from binary_symbols where is_rust";
        List<List<Object>> symbolsBefore = uncachedRows(app, symbols);
        try (Connection c = open(app)) {
            assertEquals(before, histogram(c));
            assertEquals(symbolsBefore, SqlResults.rows(c, symbols));
            Files.copy(Corpus.fixture("asmgap"), app, StandardCopyOption.REPLACE_EXISTING);
            Map<String, Long> after = uncachedHistogram(app);
            List<List<Object>> symbolsAfter = uncachedRows(app, symbols);
            assertFalse(before.equals(after), "two different programs");
            long decodedBefore = decoded();
            assertEquals(after, histogram(c));
            assertTrue(decoded() - decodedBefore > 0, "the new file is disassembled");
            assertEquals(symbolsAfter, SqlResults.rows(c, symbols));
        }
        assertEquals(2, entriesOf("instructions").size(), "one entry per version of the file: " + entries());
        try (Stream<Path> beside = Files.list(dir)) {
            assertEquals(List.of(app, cacheDir()), beside.sorted().toList(), "nothing written beside the binary");
        }
    }

    @Test
    void aDamagedEntryIsRebuiltAndNeverServed() throws Exception {
        Path binary = Corpus.fixture("demo-release");
        Map<String, Long> expected = uncachedHistogram(binary);
        try (Connection c = open(binary)) {
            assertEquals(expected, histogram(c));
            for (String damage : List.of("flip a byte of the rows", "truncate", "flip a byte of the footer", "append a byte")) {
                Path entry = entriesOf("instructions").get(0);
                long size = Files.size(entry);
                try (RandomAccessFile file = new RandomAccessFile(entry.toFile(), "rw")) {
                    switch (damage) {
                        case "flip a byte of the rows" -> flip(file, size / 2);
                        case "truncate" -> file.setLength(size * 2 / 3);
                        case "flip a byte of the footer" -> flip(file, size - 40);
                        default -> file.setLength(size + 1);
                    }
                }
                long before = decoded();
                assertEquals(expected, histogram(c), damage);
                assertTrue(decoded() - before > 0, "rebuilt after: " + damage);
                before = decoded();
                assertEquals(expected, histogram(c), damage);
                assertEquals(0, decoded() - before, "the rebuilt entry is served after: " + damage);
                assertEquals(1, entriesOf("instructions").size(), entries().toString());
            }
        }
    }

    private static void flip(RandomAccessFile file, long at) throws IOException {
        file.seek(at);
        int b = file.read();
        file.seek(at);
        file.write(b ^ 0x5a);
    }

    @Test
    void twoJvmsFillingOneEntryAtOnceBothAnswerAndLeaveItValid() throws Exception {
        Path binary = Corpus.fixture("demo-debug");
        Map<String, Long> expected = uncachedHistogram(binary);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx512m", "-cp", classpath, TableCacheMain.class.getName(),
                    binary.toString(), cacheDir().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            children.add(child);
            outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
        }
        for (BufferedReader output : outputs) {
            assertEquals("ready", output.readLine());
        }
        for (Process child : children) {
            OutputStream go = child.getOutputStream();
            go.write('\n');
            go.flush();
        }
        List<String> expectedLines = new ArrayList<>();
        expected.forEach((mnemonic, count) -> expectedLines.add(mnemonic + " " + count));
        long filled = 0;
        for (int i = 0; i < 2; i++) {
            List<String> lines = outputs.get(i).lines().toList();
            assertTrue(children.get(i).waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, children.get(i).exitValue(), lines.toString());
            assertEquals(expectedLines, lines.subList(0, lines.size() - 1), "child " + i);
            filled += Long.parseLong(lines.get(lines.size() - 1).substring("decoded ".length())) > 0 ? 1 : 0;
        }
        assertTrue(filled >= 1, "a child disassembled the binary");
        assertEquals(1, entries().size(), "one entry, no temporary file left: " + entries());
        try (Connection c = open(binary)) {
            long before = decoded();
            assertEquals(expected, histogram(c));
            assertEquals(0, decoded() - before, "the entry the children left is valid");
        }
    }

    @Test
    void leastRecentlyUsedEntriesAreEvictedUnderTheBound() throws Exception {
        List<Path> binaries = List.of(Corpus.fixture("demo-release"), Corpus.fixture("asmgap"), Corpus.fixture("memdemo"));
        long[] sizes = new long[binaries.size()];
        for (int i = 0; i < binaries.size(); i++) {
            try (Connection c = open(binaries.get(i), "cache_dir", dir.resolve("sizes").toString())) {
                histogram(c);
            }
        }
        try (Stream<Path> files = Files.list(dir.resolve("sizes"))) {
            assertEquals(3, files.count());
        }
        for (int i = 0; i < binaries.size(); i++) {
            Path sizing = dir.resolve("size-" + i);
            try (Connection c = open(binaries.get(i), "cache_dir", sizing.toString())) {
                histogram(c);
            }
            try (Stream<Path> files = Files.list(sizing)) {
                sizes[i] = files.mapToLong(p -> p.toFile().length()).sum();
            }
        }
        long bound = sizes[0] + sizes[1] + sizes[2] - 1;
        String size = Long.toString(bound);
        fill(binaries.get(0), size);
        fill(binaries.get(1), size);
        assertEquals(0, fill(binaries.get(0), size), "a hit, which makes the first entry the most recently used");
        assertTrue(fill(binaries.get(2), size) > 0);
        List<Path> left = entries();
        assertEquals(2, left.size(), left.toString());
        assertEquals(sizes[0] + sizes[2], left.stream().mapToLong(p -> p.toFile().length()).sum(), "the second binary's entry went");
        assertTrue(fill(binaries.get(1), size) > 0, "and is rebuilt on its next query");
    }

    /** Runs the histogram on {@code binary} under a cache bound; returns the instructions decoded. */
    private long fill(Path binary, String cacheSize) throws SQLException {
        try (Connection c = open(binary, "cache_size", cacheSize)) {
            long before = decoded();
            histogram(c);
            return decoded() - before;
        }
    }

    @Test
    void answersAreTheSameWithTheCacheOnAndOff() throws Exception {
        Path binary = Corpus.fixture("demo-debug");
        List<String> queries = List.of(
                "select * from instructions where address % 7 = 0 order by address",
                "select address, operands, registers_read from instructions where mnemonic like 'j%' order by address",
                "select * from instruction_operands where operand_index = 1 and mnemonic = 'lea' order by instruction_address",
                "select * from binary_symbols order by symbol_address, symbol_name",
                "select demangled_name, symbol_size from binary_symbols where is_rust order by 1, 2",
                "select * from rust_crates order by crate_name",
                "select * from rust_panic_locations order by 2, 3, 4, 5");
        List<List<List<Object>>> off = new ArrayList<>();
        try (Connection c = open(binary, "cache", "false")) {
            for (String q : queries) {
                off.add(comparable(SqlResults.rows(c, q)));
                assertFalse(off.get(off.size() - 1).isEmpty(), q);
            }
        }
        for (String pass : List.of("cold", "warm")) {
            try (Connection c = open(binary)) {
                long before = decoded();
                for (int i = 0; i < queries.size(); i++) {
                    assertEquals(off.get(i), comparable(SqlResults.rows(c, queries.get(i))), pass + ": " + queries.get(i));
                }
                if (pass.equals("warm")) {
                    assertEquals(0, decoded() - before, "warm: nothing disassembled");
                }
            }
        }
        for (String table : List.of("instructions", "instruction_operands", "binary_symbols", "rust_crates", "rust_panic_locations")) {
            assertFalse(entriesOf(table).isEmpty(), "an entry of " + table);
        }
    }

    /** Rows with byte arrays as hex text, so equal contents compare equal. */
    private static List<List<Object>> comparable(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(v -> v instanceof byte[] b ? (Object) HexFormat.of().formatHex(b) : v).toList())
                .toList();
    }

    @Test
    void aThousandWarmQueriesLeaveNoArrowBytesAndNoMappings() throws Exception {
        Path binary = Corpus.fixture("demo-release");
        Map<String, Long> expected = uncachedHistogram(binary);
        List<String> mnemonics = new ArrayList<>(expected.keySet());
        try (Connection c = open(binary); PreparedStatement count = c.prepareStatement("select count(*) from instructions where mnemonic = ?")) {
            histogram(c);
            BufferAllocator allocator = SqlResults.allocatorOf(c);
            long before = decoded();
            for (int q = 0; q < 1000; q++) {
                String mnemonic = mnemonics.get(q % mnemonics.size());
                count.setString(1, mnemonic);
                try (ResultSet rs = count.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(expected.get(mnemonic), rs.getLong(1), mnemonic);
                }
                assertEquals(0, allocator.getAllocatedMemory(), "Arrow bytes left after query " + q);
                if (q % 100 == 0) {
                    assertEquals(0, mappingsOf(cacheDir()), "cache files still mapped after query " + q);
                }
            }
            assertEquals(0, decoded() - before, "every one read the entry");
            assertEquals(0, mappingsOf(cacheDir()), "cache files still mapped");
        }
    }

    /** Lines of this process's memory map that map a file under {@code dir}. */
    private static long mappingsOf(Path dir) throws IOException {
        String prefix = dir.toRealPath().toString();
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.filter(line -> line.contains(prefix)).count();
        }
    }
}
