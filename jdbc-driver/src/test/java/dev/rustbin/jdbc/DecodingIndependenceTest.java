package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.disasm.InstructionScan;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The asmgap fixture leaves table bytes in .text right before functions (global_asm!), so a sweep
 * that does not restart at function starts decodes them out of step. Every query must give the
 * same rows for the same addresses, and those rows are objdump's.
 */
class DecodingIndependenceTest {

    private static final String COLUMNS = "select address, size, mnemonic, operands, symbol_name, is_data from instructions";
    private static final List<String> FUNCTIONS = List.of("asmgap_first", "asmgap_second", "asmgap_third");
    private static final Pattern OBJDUMP_LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t(\\S+)\\s*(.*)$");
    private static final Pattern FDE = Pattern.compile("FDE cie=\\S+ pc=([0-9a-f]+)\\.\\.([0-9a-f]+)");

    private static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection(RustbinDriver.PREFIX + file);
    }

    /** Rows by address, the address as a long. */
    private static TreeMap<Long, List<Object>> byAddress(Connection c, String sql) throws SQLException {
        TreeMap<Long, List<Object>> rows = new TreeMap<>();
        for (List<Object> row : SqlResults.rows(c, sql)) {
            List<Object> previous = rows.put(((Number) row.get(0)).longValue(), row);
            assertEquals(null, previous, sql + ": two rows at " + row.get(0));
        }
        return rows;
    }

    /** nm's sized symbols of the asmgap fixture: name to {address, size}. */
    private static Map<String, long[]> extents(Path file) {
        Map<String, long[]> extents = new HashMap<>();
        for (String line : Tools.run(List.of("nm", "-S", "--defined-only", file.toString())).split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 4) {
                extents.put(f[3], new long[] {Long.parseLong(f[0], 16), Long.parseLong(f[1], 16)});
            }
        }
        return extents;
    }

    /** objdump's lines of one address range as "address mnemonic", objdump's data bytes as ".byte". */
    private static List<String> objdump(Path file, long start, long end) {
        List<String> lines = new ArrayList<>();
        String listing = Tools.run(List.of("objdump", "-d", "-z", "--no-show-raw-insn", "-M", "intel",
                "--start-address=0x" + Long.toHexString(start), "--stop-address=0x" + Long.toHexString(end), file.toString()));
        for (String line : listing.split("\n")) {
            Matcher m = OBJDUMP_LINE.matcher(line);
            if (m.matches()) {
                String mnemonic = m.group(2).startsWith("rex") ? ".byte" : m.group(2);
                lines.add(Long.parseLong(m.group(1), 16) + " " + mnemonic);
            }
        }
        return lines;
    }

    private static List<String> listing(Iterable<List<Object>> rows) {
        List<String> lines = new ArrayList<>();
        for (List<Object> row : rows) {
            lines.add(((Number) row.get(0)).longValue() + " " + row.get(2));
        }
        return lines;
    }

    @Test
    void everyFilterKindGivesTheFullScansRowsAndObjdumpsListing() throws SQLException {
        Path file = Corpus.fixture("asmgap");
        Map<String, long[]> nm = extents(file);
        try (Connection c = open(file)) {
            TreeMap<Long, List<Object>> all = byAddress(c, COLUMNS);
            for (String name : FUNCTIONS) {
                long start = nm.get(name)[0];
                long end = start + nm.get(name)[1];
                List<List<Object>> expected = new ArrayList<>(all.subMap(start, end).values());
                assertEquals(objdump(file, start, end), listing(expected), name + " in a full scan against objdump");
                for (String where : List.of("symbol_name = '" + name + "'", "symbol_name like '" + name + "'",
                        "symbol_name like '%" + name.substring(7) + "'", "symbol_name in ('" + name + "', 'no_such_function')")) {
                    assertEquals(expected, new ArrayList<>(byAddress(c, COLUMNS + " where " + where).values()), where);
                }
                // a range that starts and ends inside instructions holds the instructions starting in it
                long from = start + 1;
                long to = end - 2;
                assertEquals(new ArrayList<>(all.subMap(from, to).values()),
                        new ArrayList<>(byAddress(c, COLUMNS + " where address >= " + from + " and address < " + to).values()),
                        name + " between " + from + " and " + to);
                for (long address = start; address < end; address++) {
                    List<Object> one = all.get(address);
                    assertEquals(one == null ? List.of() : List.of(one),
                            new ArrayList<>(byAddress(c, COLUMNS + " where address = " + address).values()), "address = " + address);
                }
            }
            List<Object> tailCall = all.floorEntry(nm.get("asmgap_second")[0] + nm.get("asmgap_second")[1] - 1).getValue();
            assertEquals(List.of("jmp", 5, false), List.of(tailCall.get(2), ((Number) tailCall.get(1)).intValue(), tailCall.get(5)),
                    "the last instruction of asmgap_second: " + tailCall);
        }
    }

    @Test
    void instructionCountsPerSectionEqualObjdumps() throws SQLException {
        Path file = Corpus.fixture("asmgap");
        try (Connection c = open(file)) {
            assertEquals(InstructionsTableTest.objdumpCounts(file),
                    SqlResults.counts(c, "select section_name, count(*) from instructions group by section_name"));
        }
    }

    /** Stripped, the binary still has .eh_frame: its functions decode as with symbols. */
    @Test
    void aStrippedBinaryRestartsAtItsFdes() throws SQLException {
        Path file = Corpus.fixture("asmgap");
        Map<String, long[]> nm = extents(file);
        try (Connection symbols = open(file); Connection stripped = open(Corpus.fixture("asmgap-stripped"))) {
            String columns = "select address, size, mnemonic, operands from instructions";
            TreeMap<Long, List<Object>> expected = byAddress(symbols, columns);
            TreeMap<Long, List<Object>> actual = byAddress(stripped, columns);
            for (String name : FUNCTIONS) {
                long start = nm.get(name)[0];
                long end = start + nm.get(name)[1];
                assertEquals(new ArrayList<>(expected.subMap(start, end).values()), new ArrayList<>(actual.subMap(start, end).values()), name);
                assertEquals(objdump(file, start, end), listing(actual.subMap(start, end).values()), name + " against objdump with symbols");
            }
        }
    }

    /**
     * glibc's signal trampoline __restore_rt has an FDE that begins a byte before it (in the nop
     * padding), as unwinders need; decoding restarts at the function, and lists it as objdump does.
     */
    @Test
    void glibcsSignalTrampolineDecodesFromItsFirstInstruction() throws SQLException {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        String frames = Tools.run(List.of("sh", "-c", "readelf --debug-dump=frames \"$0\"; true", libc.toString()));
        Matcher signal = Pattern.compile("(\\S+) \\S+ 0+ CIE\\n  Version:\\s+\\d+\\n  Augmentation:\\s+\"zRS\"").matcher(frames);
        assertTrue(signal.find(), "no signal frame CIE in libc");
        Matcher fde = Pattern.compile("FDE cie=" + signal.group(1) + " pc=([0-9a-f]+)\\.\\.([0-9a-f]+)").matcher(frames);
        assertTrue(fde.find());
        long start = Long.parseLong(fde.group(1), 16) + 1;
        long end = Long.parseLong(fde.group(2), 16);
        try (Connection c = open(libc)) {
            List<String> rows = listing(byAddress(c, COLUMNS + " where address >= " + start + " and address < " + end).values());
            assertEquals(objdump(libc, start, end), rows);
            assertTrue(rows.get(rows.size() - 1).endsWith(" syscall"), rows.toString());
        }
    }

    /**
     * A 64-byte window of a stripped binary decodes from the FDE that holds it, as readelf lists
     * the FDEs, not from the start of .text.
     */
    @Test
    void aStrippedRangeDecodesFromItsFunctionOnly() throws SQLException {
        Path file = Corpus.fixture("demo-release-stripped");
        TreeMap<Long, Long> fdes = new TreeMap<>();
        Matcher m = FDE.matcher(Tools.run(List.of("readelf", "--debug-dump=frames", file.toString())));
        while (m.find()) {
            fdes.merge(Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2), 16), Math::max);
        }
        Map.Entry<Long, Long> largest = fdes.entrySet().stream().max((a, b) -> Long.compare(a.getValue() - a.getKey(), b.getValue() - b.getKey())).orElseThrow();
        long from = (largest.getKey() + largest.getValue()) / 2;
        try (Connection c = open(file)) {
            long before = InstructionScan.BYTES_DISASSEMBLED.get();
            SqlResults.rows(c, "select address, mnemonic from instructions where address >= " + from + " and address < " + (from + 64));
            long decoded = InstructionScan.BYTES_DISASSEMBLED.get() - before;
            long fromFunctionStart = from + 64 - largest.getKey();
            assertTrue(decoded >= fromFunctionStart && decoded < fromFunctionStart + 15,
                    "decoded " + decoded + " bytes; the window ends " + fromFunctionStart + " bytes after its FDE's start");
        }
    }
}
