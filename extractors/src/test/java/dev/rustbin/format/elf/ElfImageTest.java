package dev.rustbin.format.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryInfo;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Section;
import dev.rustbin.format.Segment;
import dev.rustbin.format.Symbol;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Readelf;
import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every section, segment and symbol of real binaries, compared row by row with readelf and nm. */
class ElfImageTest {

    static Stream<Path> binaries() {
        return Corpus.allBinaries().stream();
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void sectionsMatchReadelf(Path file) {
        List<Readelf.SectionRow> expected = Readelf.sections(file);
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<Section> actual = image.sections();
            assertEquals(expected.size(), actual.size(), "section count");
            assertTrue(expected.size() > 20);
            for (int i = 0; i < expected.size(); i++) {
                Readelf.SectionRow e = expected.get(i);
                Section a = actual.get(i);
                String where = file.getFileName() + " section [" + i + "] " + e.name();
                assertEquals(e.index(), a.index(), where);
                assertEquals(e.name(), a.name(), where);
                assertEquals(e.type(), a.type(), where);
                assertEquals(e.address(), a.address(), where);
                assertEquals(e.offset(), a.fileOffset(), where);
                assertEquals(e.size(), a.size(), where);
                assertEquals(e.entrySize(), a.entrySize(), where);
                assertEquals(e.alignment(), a.alignment(), where);
                assertEquals(e.flags().contains("A"), a.permissions().readable(), where);
                assertEquals(e.flags().contains("W"), a.permissions().writable(), where);
                assertEquals(e.flags().contains("X"), a.permissions().executable(), where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void segmentsMatchReadelf(Path file) {
        List<Readelf.SegmentRow> expected = Readelf.segments(file);
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<Segment> actual = image.segments();
            assertEquals(expected.size(), actual.size(), "segment count");
            assertTrue(expected.size() >= 8);
            for (int i = 0; i < expected.size(); i++) {
                Readelf.SegmentRow e = expected.get(i);
                Segment a = actual.get(i);
                String where = file.getFileName() + " segment " + i;
                assertEquals(e.type(), a.type(), where);
                assertEquals(e.offset(), a.fileOffset(), where);
                assertEquals(e.virtualAddress(), a.virtualAddress(), where);
                assertEquals(e.physicalAddress(), a.physicalAddress(), where);
                assertEquals(e.fileSize(), a.fileSize(), where);
                assertEquals(e.memorySize(), a.memorySize(), where);
                assertEquals(e.alignment(), a.alignment(), where);
                assertEquals(e.flags().replace(' ', '-').replace('E', 'x').replace('R', 'r').replace('W', 'w'),
                        a.permissions().toString(), where);
            }
        }
    }

    private static final Map<String, String> READELF_TYPES = Map.of(
            "NOTYPE", "notype", "OBJECT", "variable", "FUNC", "function", "SECTION", "section",
            "FILE", "file", "TLS", "tls", "IFUNC", "ifunc", "COMMON", "common");

    @ParameterizedTest
    @MethodSource("binaries")
    void symbolsMatchReadelf(Path file) {
        List<Readelf.SymbolRow> expected = Readelf.symbols(file);
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<Symbol> actual = image.symbols();
            assertEquals(expected.size(), actual.size(), "symbol count");
            for (int i = 0; i < expected.size(); i++) {
                Readelf.SymbolRow e = expected.get(i);
                Symbol a = actual.get(i);
                String where = file.getFileName() + " " + e.table() + " symbol " + e.name();
                assertEquals(e.name(), a.name(), where);
                assertEquals(e.value(), a.address(), where);
                assertEquals(e.size(), a.size(), where);
                assertEquals(READELF_TYPES.get(e.type()), a.type(), where);
                assertEquals(e.binding().toLowerCase(), a.binding(), where);
                assertEquals(e.visibility().toLowerCase(), a.visibility(), where);
                assertEquals(e.table().equals(".dynsym"), a.dynamic(), where);
                assertEquals(!e.sectionIndex().equals("UND"), a.defined(), where);
                String expectedSection = switch (e.sectionIndex()) {
                    case "UND" -> null;
                    case "ABS" -> "*ABS*";
                    case "COM" -> "*COM*";
                    case "BAD" -> null;
                    default -> image.sections().get(Integer.parseInt(e.sectionIndex())).name();
                };
                assertEquals(expectedSection, a.sectionName(), where);
            }
        }
    }

    private static final Pattern NM_LINE = Pattern.compile("^([0-9a-f]*)\\s+(\\S)\\s(.*)$");

    /** A second, independent oracle: nm -a (static table) and nm -D (dynamic table), by name and value. */
    @ParameterizedTest
    @MethodSource("binaries")
    void symbolsMatchNm(Path file) {
        try (BinaryImage image = BinaryOpener.open(file)) {
            for (boolean dynamic : new boolean[] {false, true}) {
                if (!dynamic && image.info().stripped()) {
                    continue;
                }
                Map<String, Integer> expected = nmCounts(file, dynamic);
                Map<String, Integer> actual = new HashMap<>();
                image.symbols().stream().filter(s -> s.dynamic() == dynamic)
                        .forEach(s -> actual.merge(key(s.name(), s.defined() ? s.address() : -1), 1, Integer::sum));
                assertEquals(List.of(), difference(expected, actual), file.getFileName() + (dynamic ? " nm -D" : " nm -a") + ": only in nm");
                assertEquals(List.of(), difference(actual, expected), file.getFileName() + (dynamic ? " nm -D" : " nm -a") + ": only in rustbin");
            }
        }
    }

    private static Map<String, Integer> nmCounts(Path file, boolean dynamic) {
        Map<String, Integer> counts = new HashMap<>();
        String output = Tools.run(List.of("nm", dynamic ? "-D" : "-a", "--no-sort", file.toString()));
        for (String line : output.split("\n")) {
            Matcher m = NM_LINE.matcher(line);
            if (m.matches()) {
                String name = dynamic ? m.group(3).replaceFirst("@.*$", "") : m.group(3);
                long value = m.group(1).isEmpty() ? -1 : Long.parseUnsignedLong(m.group(1), 16);
                counts.merge(key(name, value), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static List<String> difference(Map<String, Integer> left, Map<String, Integer> right) {
        return left.entrySet().stream().filter(e -> !e.getValue().equals(right.get(e.getKey())))
                .map(e -> e.getKey() + " x" + e.getValue()).limit(10).toList();
    }

    private static String key(String name, long value) {
        return name + "@" + Long.toHexString(value);
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void sectionContentIsTheFileBytes(Path file) throws IOException {
        List<Readelf.SectionRow> expected = Readelf.sections(file);
        try (BinaryImage image = BinaryOpener.open(file); RandomAccessFile raw = new RandomAccessFile(file.toFile(), "r")) {
            int compared = 0;
            for (Readelf.SectionRow e : expected) {
                Section section = image.sections().get(e.index());
                ByteBuffer content = image.contentOf(section);
                if (e.type().equals("NOBITS") || e.type().equals("NULL")) {
                    assertEquals(0, content.remaining(), e.name());
                    continue;
                }
                // Bound the bytes compared on the 150 MB binary; every section still gets its ends checked.
                int length = (int) Math.min(e.size(), 8 << 20);
                byte[] fromFile = new byte[length];
                raw.seek(e.offset());
                raw.readFully(fromFile);
                byte[] fromImage = new byte[length];
                content.get(0, fromImage);
                assertArrayEquals(fromFile, fromImage, e.name());
                assertEquals(e.size(), content.remaining(), e.name());
                compared++;
            }
            assertTrue(compared > 10);
        }
    }

    /**
     * Function starts from .eh_frame: every FDE readelf decodes, but those a linker pointed at
     * address 0 and those of signal frames (CIE augmentation with S), which begin a byte early.
     */
    @ParameterizedTest
    @MethodSource("binaries")
    void functionStartsAreReadelfsFdes(Path file) {
        assertEquals(readelfFunctionStarts(file), java.util.Arrays.stream(functionStarts(file)).boxed().toList(), file.toString());
    }

    @Test
    void glibcsSignalTrampolineFdeIsNoFunctionStart() {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        List<Long> expected = readelfFunctionStarts(libc);
        assertEquals(expected, java.util.Arrays.stream(functionStarts(libc)).boxed().toList());
        assertTrue(frames(libc).contains("\"zRS\""), "libc has a signal frame CIE");
    }

    private static long[] functionStarts(Path file) {
        try (BinaryImage image = BinaryOpener.open(file)) {
            return image.functionStarts();
        }
    }

    /** readelf's .eh_frame listing; on glibc it also follows the debug link to libc6-dbg's file, whose NOBITS .eh_frame makes it exit with 1. */
    private static String frames(Path file) {
        return Tools.run(List.of("sh", "-c", "readelf --debug-dump=frames \"$0\"; true", file.toString()));
    }

    private static List<Long> readelfFunctionStarts(Path file) {
        java.util.Set<String> signalCies = new java.util.HashSet<>();
        java.util.TreeSet<Long> starts = new java.util.TreeSet<>();
        String cie = null;
        Pattern fde = Pattern.compile("FDE cie=(\\S+) pc=([0-9a-f]+)\\.\\.");
        for (String line : frames(file).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && f[3].equals("CIE")) {
                cie = f[0];
            } else if (cie != null && line.contains("Augmentation:") && line.matches(".*\"[^\"]*S[^\"]*\".*")) {
                signalCies.add(cie);
            }
            Matcher m = fde.matcher(line);
            if (m.find()) {
                cie = null;
                long start = Long.parseUnsignedLong(m.group(2), 16);
                if (start != 0 && !signalCies.contains(m.group(1))) {
                    starts.add(start);
                }
            }
        }
        assertTrue(starts.size() > 100, file + ": " + starts.size() + " FDEs");
        return List.copyOf(starts);
    }

    /**
     * pie-executable exactly where readelf -h says "Position-Independent Executable" (DF_1_PIE):
     * glibc's libc.so.6 has an interpreter and an entry point and is still a shared object.
     */
    @Test
    void fileTypeIsReadelfs() {
        List<Path> files = new ArrayList<>(Corpus.allBinaries());
        files.add(Path.of("/lib/x86_64-linux-gnu/libc.so.6"));
        for (Path file : files) {
            String type = Tools.run(List.of("readelf", "-hW", file.toString())).lines().filter(l -> l.strip().startsWith("Type:"))
                    .findFirst().orElseThrow();
            String expected = type.contains("Position-Independent Executable") ? "pie-executable"
                    : type.contains("Shared object") ? "shared-object" : type.contains("EXEC") ? "executable" : type;
            try (BinaryImage image = BinaryOpener.open(file)) {
                assertEquals(expected, image.info().fileType(), file.toString());
            }
        }
        try (BinaryImage libc = BinaryOpener.open(Path.of("/lib/x86_64-linux-gnu/libc.so.6"))) {
            assertEquals("shared-object", libc.info().fileType());
            assertTrue(libc.info().interpreter() != null && libc.info().entryAddress() != 0);
        }
    }

    @Test
    void fileFactsMatchReadelfAndTheSource() {
        Path file = Corpus.fixture("demo-release");
        String header = Tools.run(List.of("readelf", "-hW", file.toString()));
        String notes = Tools.run(List.of("readelf", "-nW", file.toString()));
        String comment = Tools.run(List.of("readelf", "-p", ".comment", file.toString()));
        try (BinaryImage image = BinaryOpener.open(file)) {
            BinaryInfo info = image.info();
            assertEquals("ELF", info.format().displayName());
            assertEquals("x86_64", info.architecture());
            assertEquals(64, info.bits());
            assertEquals("little", info.endianness());
            assertEquals("pie-executable", info.fileType());
            assertTrue(header.contains("DYN (Position-Independent Executable file)"));
            assertTrue(header.contains("Entry point address:               0x" + Long.toHexString(info.entryAddress())), header);
            assertTrue(notes.contains("Build ID: " + info.buildId()), notes);
            assertEquals("/lib64/ld-linux-x86-64.so.2", info.interpreter());
            assertTrue(comment.contains("rustc version " + info.rustcVersion()), comment);
            assertTrue(info.rustcVersion().matches("1\\.\\d+\\.\\d+ \\(.*\\)"), info.rustcVersion());
            assertFalse(info.stripped());
            assertTrue(info.hasDebugInfo());
        }
        try (BinaryImage stripped = BinaryOpener.open(Corpus.fixture("demo-release-stripped"))) {
            assertTrue(stripped.info().stripped());
            assertFalse(stripped.info().hasDebugInfo());
        }
        try (BinaryImage library = BinaryOpener.open(Corpus.rustcDriver())) {
            assertEquals("shared-object", library.info().fileType());
            assertNull(library.info().interpreter());
        }
    }

    @Test
    void demoStaticsAndFunctionsAreWhereTheSourcePutsThem() {
        try (BinaryImage image = BinaryOpener.open(Corpus.fixture("demo-release"))) {
            Map<String, Symbol> byName = new HashMap<>();
            image.symbols().stream().filter(s -> !s.dynamic()).forEach(s -> byName.put(s.name(), s));
            Symbol magic = byName.get("DEMO_MAGIC");
            assertEquals("variable", magic.type());
            assertEquals(8, magic.size());
            Section rodata = image.sections().stream().filter(s -> s.name().equals(magic.sectionName())).findFirst().orElseThrow();
            ByteBuffer bytes = image.contentOf(rodata).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x5275_7374_6269_6e21L, bytes.getLong((int) (magic.address() - rodata.address())));
            assertEquals("function", byName.get("demo_known_function").type());
            assertEquals(".bss", byName.get("DEMO_COUNTER").sectionName());
            List<String> instantiations = new ArrayList<>();
            byName.keySet().stream().filter(n -> n.startsWith("_ZN4demo12describe_all17h")).forEach(instantiations::add);
            assertEquals(3, instantiations.size(), "describe_all is instantiated for u8, u32 and String");
        }
    }
}
