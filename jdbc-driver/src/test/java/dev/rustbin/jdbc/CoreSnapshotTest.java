package dev.rustbin.jdbc;

import static dev.rustbin.jdbc.SqlResults.rows;
import static dev.rustbin.jdbc.SqlResults.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.ParkedMemdemo;
import dev.rustbin.testing.ParkedMemdemoCore;
import dev.rustbin.testing.Tools;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** memory_* tables over a gcore core of the parked memdemo program, checked against what it printed and readelf. */
class CoreSnapshotTest {

    @RegisterExtension
    static final ParkedMemdemoCore MEMDEMO = new ParkedMemdemoCore();

    private static Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("core", MEMDEMO.core().toString());
        return DriverManager.getConnection(RustbinDriver.PREFIX + MEMDEMO.demo().executable(), p);
    }

    @Test
    void snapshotRowDescribesTheCore() throws SQLException {
        try (Connection c = open()) {
            List<List<Object>> rows = rows(c, "select snapshot_id, pid, source, snapshot_trigger, origin, threads from memory_snapshots");
            assertEquals(List.of(List.of(BigDecimal.ONE, BigDecimal.valueOf(MEMDEMO.demo().pid()), "core", "manual", MEMDEMO.core().toString(), BigDecimal.valueOf(3))), rows);
        }
    }

    /**
     * Every thread's frames with the calls inlined at their pcs, in gdb's order, at gdb's source
     * lines (gdb reads the same DWARF, libc's from libc6-dbg): file name and line per frame, and
     * which frames are inlined. Frames gdb has no line for are left out of both lists.
     */
    @Test
    void framesAndInlinedFramesAreAtGdbsSourceLines() throws Exception {
        Path script = MEMDEMO.dir().resolve("lines.py");
        Files.writeString(script, """
                import gdb, os
                for th in sorted(gdb.selected_inferior().threads(), key=lambda t: t.num):
                    th.switch()
                    f = gdb.newest_frame()
                    while f is not None:
                        sal = f.find_sal()
                        if sal.symtab is not None and f.type() != gdb.TAILCALL_FRAME:
                            print("LINE %d %s:%d %s" % (th.ptid[1], os.path.basename(sal.symtab.filename), sal.line, f.type() == gdb.INLINE_FRAME))
                        try:
                            f = f.older()
                        except gdb.error:
                            f = None
                """);
        String out;
        try {
            out = Tools.run(List.of("gdb", "-batch", "-nx", "-q", "-ex", "set backtrace past-main on", MEMDEMO.demo().executable().toString(),
                    MEMDEMO.core().toString(), "-ex", "source " + script));
        } finally {
            Files.delete(script);
        }
        List<String> gdb = out.lines().filter(l -> l.startsWith("LINE ")).map(l -> l.substring(5)).toList();
        try (Connection c = open()) {
            List<String> ours = rows(c, "select thread_id, source_file, source_line, region_kind from memory_regions "
                    + "where region_kind in ('frame', 'inlined_frame') and source_file is not null "
                    + "order by thread_id, frame_index, case region_kind when 'inlined_frame' then 0 else 1 end, region_id desc").stream()
                    .map(r -> r.get(0) + " " + Path.of((String) r.get(1)).getFileName() + ":" + r.get(2) + " " + (r.get(3).equals("inlined_frame") ? "True" : "False"))
                    .toList();
            List<String> gdbSorted = gdb.stream().sorted(Comparator.comparing(l -> Long.parseLong(l.split(" ")[0]))).toList();
            assertEquals(gdbSorted, ours);
            assertTrue(ours.stream().anyMatch(l -> l.endsWith("True")), "no inlined frame: " + ours);
            assertTrue(ours.stream().anyMatch(l -> l.contains("main.rs:")), ours.toString());
        }
    }

    @Test
    void mappingsAreTheCoreSegments() throws SQLException {
        List<String> loads = Tools.run(List.of("readelf", "-lW", MEMDEMO.core().toString())).lines()
                .filter(l -> l.strip().startsWith("LOAD")).toList();
        try (Connection c = open()) {
            List<List<Object>> rows = rows(c, "select start_address, size from memory_mappings order by start_address");
            assertEquals(loads.size(), rows.size());
            for (int i = 0; i < loads.size(); i++) {
                String[] f = loads.get(i).strip().split("\\s+");
                assertEquals(new BigDecimal(Long.toUnsignedString(Long.parseUnsignedLong(f[2].substring(2), 16))), rows.get(i).get(0));
                assertEquals(BigDecimal.valueOf(Long.parseLong(f[5].substring(2), 16)), rows.get(i).get(1));
            }
            assertEquals(3L, ((Number) single(c, "select count(*) from memory_regions where region_kind = 'mapping' and type = 'stack'")).longValue());
            assertTrue(((Number) single(c, "select count(*) from memory_regions where type = 'code' and mapped_file like '%/memdemo'")).longValue() >= 1);
        }
    }

    @Test
    void staticsHoldWhatTheProgramPrinted() throws SQLException {
        try (Connection c = open()) {
            List<List<Object>> magic = rows(c, "select start_address, size, content_snapshot, static_address from memory_regions "
                    + "where region_kind = 'static' and symbol_name = 'MEMDEMO_MAGIC'");
            assertEquals(1, magic.size());
            assertEquals(BigDecimal.valueOf(MEMDEMO.demo().magicAddress()), magic.get(0).get(0));
            assertEquals(BigDecimal.valueOf(8), magic.get(0).get(1));
            assertEquals(0x6d656d64656d6f21L, ByteBuffer.wrap((byte[]) magic.get(0).get(2)).order(ByteOrder.LITTLE_ENDIAN).getLong());
            Object counter = single(c, "select content_snapshot from memory_regions where symbol_name = 'MEMDEMO_COUNTER'");
            assertEquals(MEMDEMO.demo().counter(), ByteBuffer.wrap((byte[]) counter).order(ByteOrder.LITTLE_ENDIAN).getLong());
            // static_address joins the binary's own symbol table despite PIE.
            Object joined = single(c, "select s.symbol_name from memory_regions r join binary_symbols s "
                    + "on s.symbol_address = r.static_address and s.path = r.path "
                    + "where r.symbol_name = 'MEMDEMO_TABLE' and s.symbol_type = 'variable' and not s.is_dynamic");
            assertEquals("MEMDEMO_TABLE", joined);
        }
    }

    @Test
    void everyThreadsStackShowsTheFunctionItParksIn() throws SQLException {
        try (Connection c = open()) {
            List<List<Object>> frames = rows(c, "select thread_id, frame_index, function_name, size, octet_length(content_snapshot), detail "
                    + "from memory_regions where region_kind = 'frame' order by thread_id, frame_index");
            java.util.Map<Object, List<String>> byThread = new java.util.TreeMap<>();
            for (List<Object> f : frames) {
                byThread.computeIfAbsent(f.get(0), k -> new java.util.ArrayList<>()).add(String.valueOf(f.get(2)));
                assertEquals(((BigDecimal) f.get(3)).longValue(), ((Number) f.get(4)).longValue(), "frame bytes are [sp, cfa)");
            }
            assertEquals(3, byThread.size(), byThread.toString());
            assertTrue(byThread.values().stream().anyMatch(names -> names.contains("memdemo_park_alpha")), byThread.toString());
            assertTrue(byThread.values().stream().anyMatch(names -> names.contains("memdemo_park_beta")), byThread.toString());
            // park() is inlined into main in the release build: the physical frame is memdemo::main.
            assertTrue(byThread.get(BigDecimal.valueOf(MEMDEMO.demo().pid())).contains("memdemo::main"), byThread.toString());
            assertTrue(byThread.get(BigDecimal.valueOf(MEMDEMO.demo().pid())).contains("main"), byThread.toString());
        }
    }

    @Test
    void innermostFramesJoinTheInstructionGdbShowsAtPc() throws SQLException {
        String libc;
        try (Connection c = open()) {
            libc = (String) single(c, "select distinct mapped_file from memory_regions where region_kind = 'frame' and frame_index = 0");
        }
        String gdb = Tools.run(List.of("gdb", "-batch", "-nx", "-ex", "set disassembly-flavor intel", "-ex", "thread apply all x/i $pc",
                MEMDEMO.demo().executable().toString(), MEMDEMO.core().toString()));
        List<String> gdbMnemonics = gdb.lines().filter(l -> l.startsWith("=> ")).map(l -> l.split(":\\s+", 2)[1].split("\\s+")[0]).sorted().toList();
        Properties p = new Properties();
        p.setProperty("core", MEMDEMO.core().toString());
        p.setProperty("paths", libc);
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX + MEMDEMO.demo().executable(), p)) {
            List<String> ours = rows(c, "select i.mnemonic from memory_regions r join instructions i "
                    + "on i.path = r.mapped_file and i.address = r.static_address where r.region_kind = 'frame' and r.frame_index = 0")
                    .stream().map(r -> (String) r.get(0)).sorted().toList();
            assertEquals(3, gdbMnemonics.size(), gdb);
            assertEquals(gdbMnemonics, ours);
        }
    }

    @Test
    void liveHeapChunksHoldTheLiveStringsAndNoFreedOne() throws SQLException {
        try (Connection c = open()) {
            String method = (String) single(c, "select heap_method from memory_snapshots");
            assertTrue(method.contains("libc6-dbg"), method);
            for (ParkedMemdemo.LiveString live : MEMDEMO.demo().liveStrings()) {
                long chunk = Math.max(32, (live.capacity() + 8 + 15) & ~15L);
                List<List<Object>> hits = rows(c, "select size, detail from memory_regions where region_kind = 'chunk' and start_address = "
                        + Long.toUnsignedString(live.address()));
                assertEquals(List.of(List.of(BigDecimal.valueOf(chunk - 8), hits.isEmpty() ? "" : hits.get(0).get(1))), hits, live.text());
            }
            long[] large = MEMDEMO.demo().large();
            List<List<Object>> big = rows(c, "select size >= " + large[1] + ", detail from memory_regions where region_kind = 'chunk' "
                    + "and start_address = " + Long.toUnsignedString(large[0]));
            assertEquals(List.of(List.of(true, "mmapped")), big);
            for (long[] alpha : MEMDEMO.demo().alphaStrings()) {
                Object detail = single(c, "select detail from memory_regions where region_kind = 'chunk' and start_address = "
                        + Long.toUnsignedString(alpha[0]));
                assertTrue(String.valueOf(detail).startsWith("arena 0x"), String.valueOf(detail));
            }
            // glibc overwrites a freed string's first 16 bytes with free-list links; its tail survives in memory.
            byte[] freed = ("-" + "x".repeat(90)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] kept = "rustbin-live-string-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int liveHits = 0;
            assertTrue(rows(c, "select content_snapshot from memory_regions where region_kind = 'mapping' and type = 'heap'").stream()
                    .anyMatch(r -> indexOf((byte[]) r.get(0), freed) >= 0), "the freed strings' bytes are still in the heap");
            for (List<Object> row : rows(c, "select content_snapshot from memory_regions where region_kind = 'chunk'")) {
                byte[] bytes = (byte[]) row.get(0);
                assertTrue(indexOf(bytes, freed) < 0, "a freed string is in a live chunk");
                liveHits += indexOf(bytes, kept) >= 0 ? 1 : 0;
            }
            assertEquals(MEMDEMO.demo().liveStrings().size(), liveHits);
            long total = ((Number) single(c, "select heap_chunks from memory_snapshots")).longValue();
            assertEquals(total, ((Number) single(c, "select count(*) from memory_regions where region_kind = 'chunk'")).longValue());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * With a shell's default coredump_filter (0x33) gcore keeps no unmodified file-backed code: the
     * mappings come from NT_FILE, their bytes from the files, and stacks still unwind and symbolize.
     */
    @Test
    void aCoreWithoutCodeStillHasEveryFileMappingAndItsBytes() throws Exception {
        try (ParkedMemdemo other = ParkedMemdemo.start()) {
            List<String> fileLines = Files.readAllLines(Path.of("/proc", Long.toString(other.pid()), "maps")).stream()
                    .map(l -> l.split("\\s+", 6)).filter(f -> f.length == 6 && f[5].startsWith("/"))
                    .map(f -> f[0] + " " + f[1].substring(0, 3) + " " + f[5]).sorted().toList();
            Files.writeString(Path.of("/proc", Long.toString(other.pid()), "coredump_filter"), "0x33");
            Path thin = other.gcore(MEMDEMO.dir());
            Properties p = new Properties();
            p.setProperty("core", thin.toString());
            try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX + other.executable(), p)) {
                List<String> ours = rows(c, "select start_address, end_address, permissions, mapped_file from memory_mappings "
                        + "where mapped_file like '/%'").stream()
                        .map(r -> Long.toHexString(((BigDecimal) r.get(0)).longValue()) + "-" + Long.toHexString(((BigDecimal) r.get(1)).longValue())
                                + " " + ((String) r.get(2)).substring(0, 3) + " " + r.get(3)).sorted().toList();
                assertEquals(fileLines, ours);
                assertTrue(((Number) single(c, "select count(*) from memory_regions where region_kind = 'frame' "
                        + "and function_name in ('memdemo_park_alpha', 'memdemo_park_beta')")).longValue() == 2);
                byte[] code = (byte[]) single(c, "select content_snapshot from memory_regions where region_kind = 'mapping' "
                        + "and type = 'code' and mapped_file like '%/memdemo'");
                List<List<Object>> segment = rows(c, "select m.file_offset, m.size from memory_mappings m where m.type = 'code' "
                        + "and m.mapped_file like '%/memdemo'");
                long offset = ((BigDecimal) segment.get(0).get(0)).longValue();
                byte[] file = Files.readAllBytes(other.executable());
                assertEquals(java.nio.ByteBuffer.wrap(file, (int) offset, code.length), java.nio.ByteBuffer.wrap(code));
            }
            other.release();
            Files.delete(thin);
        }
    }

    @Test
    void takeSnapshotNeedsALiveProcess() throws SQLException {
        try (Connection c = open()) {
            SQLException e = assertThrows(SQLException.class, () -> rows(c, "select * from table(take_snapshot())"));
            assertTrue(e.getMessage().contains("take_snapshot() needs a live process"), e.getMessage());
        }
    }

    @Test
    void urlQueryNamesTheCoreAndACoreAloneNamesItsProgram() throws SQLException {
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX + MEMDEMO.demo().executable() + "?core=" + MEMDEMO.core())) {
            assertEquals(1L, ((Number) single(c, "select count(*) from memory_snapshots")).longValue());
        }
        Properties p = new Properties();
        p.setProperty("core", MEMDEMO.core().toString());
        try (Connection c = DriverManager.getConnection(RustbinDriver.PREFIX, p)) {
            assertEquals(MEMDEMO.demo().executable().toAbsolutePath().toString(), single(c, "select path from memory_snapshots"));
        }
    }

    @Test
    void aCoreOfAnotherProgramOrATruncatedCoreIsRefusedByName() throws Exception {
        Properties p = new Properties();
        p.setProperty("core", MEMDEMO.core().toString());
        SQLException wrong = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(RustbinDriver.PREFIX + Corpus.fixture("demo-release"), p).close());
        assertTrue(wrong.getMessage().contains(MEMDEMO.core().toString()) && wrong.getMessage().contains("demo-release"), wrong.getMessage());

        Path truncated = MEMDEMO.dir().resolve("truncated.core");
        try (FileChannel in = FileChannel.open(MEMDEMO.core()); FileChannel out = FileChannel.open(truncated,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            in.transferTo(0, in.size() / 2, out);
        }
        p.setProperty("core", truncated.toString());
        SQLException cut = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(RustbinDriver.PREFIX + MEMDEMO.demo().executable(), p).close());
        assertTrue(cut.getMessage().contains(truncated.toString()) && cut.getMessage().contains("truncated"), cut.getMessage());
        Files.delete(truncated);

        p.setProperty("core", Corpus.fixture("demo-release").toString());
        SQLException notCore = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(RustbinDriver.PREFIX + MEMDEMO.demo().executable(), p).close());
        assertTrue(notCore.getMessage().contains("not a core file"), notCore.getMessage());
    }
}
