package dev.rustbin.format.macho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryInfo;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Import;
import dev.rustbin.format.LinkedLibrary;
import dev.rustbin.format.Section;
import dev.rustbin.format.Segment;
import dev.rustbin.format.Symbol;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.LlvmReadobj;
import dev.rustbin.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every section, segment and symbol of real Mach-O files (thin and each universal slice) compared with LLVM's tools. */
class MachOImageTest {

    /** (file, slice or null, position of the image in llvm-readobj's per-"File:" output). */
    static Stream<Arguments> images() {
        List<Arguments> images = new ArrayList<>();
        for (Path file : Corpus.machOBinaries()) {
            List<String> slices = BinaryOpener.sliceNames(file);
            if (slices.isEmpty()) {
                images.add(Arguments.of(file, null, 0));
            }
            for (int i = 0; i < slices.size(); i++) {
                images.add(Arguments.of(file, slices.get(i), i));
            }
        }
        return images.stream();
    }

    /** llvm-objdump and llvm-nm pick a universal file's slice with --arch. */
    private static List<String> command(Path file, String slice, String... tool) {
        List<String> command = new ArrayList<>(List.of(tool));
        if (slice != null) {
            command.add("--arch=" + slice);
        }
        command.add(file.toString());
        return command;
    }

    @ParameterizedTest
    @MethodSource("images")
    void sectionsMatchLlvmReadobj(Path file, String slice, int position) {
        List<LlvmReadobj.Block> expected = LlvmReadobj.blocks(file, "--sections", "Section").get(position);
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            List<Section> actual = image.sections();
            assertEquals(expected.size(), actual.size(), "section count");
            assertTrue(actual.size() >= 10);
            for (int i = 0; i < expected.size(); i++) {
                LlvmReadobj.Block e = expected.get(i);
                Section a = actual.get(i);
                String where = file.getFileName() + "#" + slice + " section " + i + " " + a.name();
                assertEquals(e.number("Index") + 1, a.index(), where);
                assertEquals(e.name("Segment") + "," + e.name("Name"), a.name(), where);
                assertEquals(e.name("Segment"), a.segmentName(), where);
                assertEquals(e.number("Address"), a.address(), where);
                assertEquals(e.number("Size"), a.size(), where);
                assertEquals(e.number("Offset"), a.fileOffset(), where);
                assertEquals(1L << e.number("Alignment"), a.alignment(), where);
                assertEquals(e.number("Type"), a.flags() & 0xff, where);
                assertEquals(e.name("Type").toLowerCase(), a.type().replace("_", ""), where);
                boolean code = e.flags().stream().anyMatch(f -> f.startsWith("PureInstructions") || f.startsWith("SomeInstructions"));
                assertEquals(code, a.permissions().executable(), where);
                assertEquals(a.type().endsWith("zerofill") ? 0 : a.size(), a.fileSize(), where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("images")
    void segmentsMatchLlvmReadobj(Path file, String slice, int position) {
        List<LlvmReadobj.Block> expected = LlvmReadobj.blocks(file, "--macho-segment", "Segment").get(position);
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            List<Segment> actual = image.segments();
            assertEquals(expected.size(), actual.size(), "segment count");
            assertTrue(actual.size() >= 3);
            for (int i = 0; i < expected.size(); i++) {
                LlvmReadobj.Block e = expected.get(i);
                Segment a = actual.get(i);
                String where = file.getFileName() + "#" + slice + " segment " + i;
                assertEquals(e.text("Name"), a.name(), where);
                assertEquals(e.number("vmaddr"), a.virtualAddress(), where);
                assertEquals(e.number("vmsize"), a.memorySize(), where);
                assertEquals(e.number("fileoff"), a.fileOffset(), where);
                assertEquals(e.number("filesize"), a.fileSize(), where);
                assertEquals(e.text("initprot"), a.permissions().toString(), where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("images")
    void symbolsMatchLlvmReadobj(Path file, String slice, int position) {
        List<LlvmReadobj.Block> expected = LlvmReadobj.blocks(file, "--symbols", "Symbol").get(position);
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            List<Symbol> actual = symbolTableRows(image, expected.size());
            assertTrue(actual.size() >= 40);
            for (int i = 0; i < expected.size(); i++) {
                LlvmReadobj.Block e = expected.get(i);
                Symbol a = actual.get(i);
                String where = file.getFileName() + "#" + slice + " symbol " + i + " " + a.name();
                assertEquals(e.name("Name"), a.name(), where);
                String kind = e.name("Type");
                boolean debug = kind.equals("SymDebugTable");
                assertEquals(debug, a.type().equals("debug"), where);
                assertEquals(debug || kind.equals("Undef") ? 0 : e.number("Value"), debug || kind.equals("Undef") ? 0 : a.address(), where);
                if (debug) {
                    assertEquals(e.number("Value"), a.address(), where);
                    continue;
                }
                assertEquals(e.flags().contains("Extern"), !a.binding().equals("local"), where);
                switch (kind) {
                    case "Section" -> assertEquals(image.sections().get((int) e.number("Section") - 1).name(), a.sectionName(), where);
                    case "Abs" -> assertEquals("*ABS*", a.sectionName(), where);
                    case "Undef" -> assertEquals(a.type().equals("common") ? "*COM*" : null, a.sectionName(), where);
                    default -> throw new AssertionError(where + ": unexpected type " + kind);
                }
                assertEquals(!kind.equals("Undef") || a.type().equals("common"), a.defined(), where);
            }
        }
    }

    /**
     * The rows from LC_SYMTAB, which come first; the {@code count}th on are the function starts no
     * symbol names, each named func_0x&lt;address&gt;.
     */
    private static List<Symbol> symbolTableRows(BinaryImage image, int count) {
        List<Symbol> all = image.symbols();
        assertTrue(all.size() >= count, "symbol count " + all.size() + ", LC_SYMTAB has " + count);
        for (Symbol s : all.subList(count, all.size())) {
            assertEquals(new Symbol("func_0x" + Long.toHexString(s.address()), "function", s.address(), s.size(), s.sectionName(),
                    "local", "default", false, true), s);
        }
        return all.subList(0, count);
    }

    private static TreeSet<Long> functionStarts(Path file, String slice) {
        TreeSet<Long> starts = new TreeSet<>();
        for (String line : Tools.run(command(file, slice, "llvm-objdump", "--macho", "--function-starts")).split("\n")) {
            if (line.matches("[0-9a-f]{16}")) {
                starts.add(Long.parseUnsignedLong(line, 16));
            }
        }
        assertTrue(starts.size() >= 100);
        return starts;
    }

    /**
     * Every function start llvm-objdump lists is a function of binary_symbols: named by a symbol, else
     * func_0x&lt;address&gt;; on biome's stripped executables that is all but a handful.
     */
    @ParameterizedTest
    @MethodSource("images")
    void everyFunctionStartIsAFunction(Path file, String slice, int position) {
        TreeSet<Long> starts = functionStarts(file, slice);
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            Set<Long> named = new HashSet<>();
            Set<Long> synthetic = new HashSet<>();
            for (Symbol s : image.symbols()) {
                if (s.type().equals("function") && s.size() > 0) {
                    (s.name().equals("func_0x" + Long.toHexString(s.address())) ? synthetic : named).add(s.address());
                }
            }
            Set<Long> all = new HashSet<>(named);
            all.addAll(synthetic);
            assertTrue(all.containsAll(starts), file.getFileName() + "#" + slice);
            Set<Long> unnamed = new TreeSet<>(starts);
            unnamed.removeAll(named);
            assertEquals(unnamed, new TreeSet<>(synthetic), file.getFileName() + "#" + slice);
            if (file.getFileName().toString().startsWith("biome")) {
                assertTrue(synthetic.size() > starts.size() - 10, synthetic.size() + " of " + starts.size());
            }
        }
    }

    private static final Pattern OBJDUMP_SYMBOL = Pattern.compile("^([0-9a-f]{16}) (.)(.)(.)(.)(.)(.)(.) (\\S+) (.*)$");

    /** llvm-objdump -t's flag columns: g/l/w binding, d for STABS, F (function) or O (object). */
    @ParameterizedTest
    @MethodSource("images")
    void symbolTypesMatchLlvmObjdump(Path file, String slice, int position) {
        List<Matcher> expected = new ArrayList<>();
        for (String line : Tools.run(command(file, slice, "llvm-objdump", "-t")).split("\n")) {
            Matcher m = OBJDUMP_SYMBOL.matcher(line);
            if (m.matches()) {
                expected.add(m);
            }
        }
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            List<Symbol> actual = symbolTableRows(image, expected.size());
            for (int i = 0; i < expected.size(); i++) {
                Matcher e = expected.get(i);
                Symbol a = actual.get(i);
                String where = file.getFileName() + "#" + slice + " symbol " + i + " " + a.name();
                assertEquals(e.group(10), a.name(), where);
                assertEquals(Long.parseUnsignedLong(e.group(1), 16), a.type().equals("common") ? a.size() : a.address(), where);
                // llvm-objdump leaves the g/l column blank for undefined and debugging entries.
                String binding = switch (e.group(2) + e.group(3)) {
                    case "g " -> "global";
                    case "l " -> "local";
                    case " w" -> "weak";
                    case "  " -> a.type().equals("debug") ? "local" : a.defined() ? "?" : "global";
                    default -> "?" + e.group(2) + e.group(3);
                };
                assertEquals(binding, a.binding(), where);
                assertEquals(e.group(7).equals("d"), a.type().equals("debug"), where);
                switch (e.group(8)) {
                    case "F" -> assertEquals("function", a.type(), where);
                    case "O" -> assertEquals("variable", a.type(), where);
                    default -> assertTrue(List.of("debug", "notype", "common").contains(a.type()), where);
                }
                String section = e.group(9);
                if (a.sectionName() != null && !a.type().equals("debug")) {
                    assertEquals(section, a.sectionName(), where);
                }
            }
        }
    }

    /**
     * Sizes are derived, so they are checked against llvm-objdump's list of function starts: a symbol in
     * an instruction section ends at a function start, another symbol or its section's end, and no
     * function starts inside it.
     */
    @ParameterizedTest
    @MethodSource("images")
    void symbolSizesEndAtTheNextFunctionStart(Path file, String slice, int position) {
        TreeSet<Long> starts = functionStarts(file, slice);
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            Set<Long> ends = new HashSet<>(starts);
            image.symbols().forEach(s -> ends.add(s.address()));
            image.sections().forEach(s -> ends.add(s.address() + s.size()));
            for (Symbol s : image.symbols()) {
                if (!s.type().equals("function")) {
                    continue;
                }
                String where = file.getFileName() + "#" + slice + " " + s.name();
                Section section = image.sections().stream().filter(x -> x.name().equals(s.sectionName())).findFirst().orElseThrow();
                boolean inSection = s.address() >= section.address() && s.address() < section.address() + section.size();
                // Stripped executables keep only __mh_execute_header, which lies before __text: size 0.
                assertEquals(inSection, s.size() > 0, where);
                assertTrue(ends.contains(s.address() + s.size()), where);
                Long inside = starts.higher(s.address());
                assertTrue(inside == null || inside >= s.address() + s.size(), where);
            }
        }
    }

    private static final Pattern NM_IMPORT = Pattern.compile(
            "^\\s+\\(undefined\\) (weak )?external (\\S+) \\((?:from (\\S+)|dynamically looked up)\\)$");

    /** Imports match llvm-nm -m's undefined symbols and the library it names ("libSystem" for /usr/lib/libSystem.B.dylib). */
    @ParameterizedTest
    @MethodSource("images")
    void importsMatchLlvmNm(Path file, String slice, int position) {
        List<Matcher> expected = new ArrayList<>();
        for (String line : Tools.run(command(file, slice, "llvm-nm", "-m", "--undefined-only", "--no-sort")).split("\n")) {
            Matcher m = NM_IMPORT.matcher(line);
            if (m.matches()) {
                expected.add(m);
            }
        }
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            List<Import> actual = image.imports();
            assertEquals(expected.size(), actual.size(), "import count");
            assertTrue(actual.size() >= 30);
            for (int i = 0; i < expected.size(); i++) {
                Matcher e = expected.get(i);
                Import a = actual.get(i);
                String where = file.getFileName() + "#" + slice + " import " + i;
                assertEquals(e.group(2), a.name(), where);
                assertEquals(e.group(1) != null, a.weak(), where);
                if (e.group(3) == null) {
                    assertNull(a.library(), where);
                } else {
                    String library = Path.of(a.library()).getFileName().toString();
                    assertTrue(library.startsWith(e.group(3)), where + ": " + a.library() + " is not " + e.group(3));
                }
            }
        }
    }

    private static final Pattern TRIE_EXPORT = Pattern.compile("^0x([0-9A-F]+)\\s+(\\S+)( \\[.*])?$");

    /** llvm-objdump --exports-trie's rows as "name@address", in its order. */
    private static List<String> trieExports(Path file, String slice) {
        List<String> expected = new ArrayList<>();
        for (String line : Tools.run(command(file, slice, "llvm-objdump", "--macho", "--exports-trie")).split("\n")) {
            Matcher m = TRIE_EXPORT.matcher(line);
            if (m.matches()) {
                expected.add(m.group(2) + "@" + Long.parseUnsignedLong(m.group(1), 16));
            }
        }
        return expected;
    }

    /** Row for row, in the trie's order (biome's symbol table has the same three, in another order). */
    @ParameterizedTest
    @MethodSource("images")
    void exportsAreTheExportsTrie(Path file, String slice, int position) {
        List<String> expected = trieExports(file, slice);
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            assertEquals(expected, image.exports().stream().map(x -> x.name() + "@" + x.address()).toList());
            assertTrue(expected.size() >= 1);
        }
    }

    /**
     * Newer linkers put the trie in LC_DYLD_EXPORTS_TRIE instead of LC_DYLD_INFO, which LLVM 14
     * cannot show; a copy of biome whose 16-byte LC_SOURCE_VERSION is rewritten into that command,
     * pointing at the trie, while LC_DYLD_INFO_ONLY's export size is zeroed, must give the same rows.
     */
    @org.junit.jupiter.api.Test
    void theExportsTrieCommandIsReadToo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path original = Corpus.foreign("biome-darwin-arm64");
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(original)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int info = -1;
        int source = -1;
        for (int i = 0, at = 32; i < bytes.getInt(16); i++, at += bytes.getInt(at + 4)) {
            info = bytes.getInt(at) == 0x80000022 ? at : info;
            source = bytes.getInt(at) == 0x2a ? at : source;
        }
        assertTrue(info > 0 && source > 0 && bytes.getInt(source + 4) == 16);
        bytes.putInt(source, 0x80000033).putInt(source + 8, bytes.getInt(info + 40)).putInt(source + 12, bytes.getInt(info + 44));
        bytes.putInt(info + 44, 0);
        Path patched = java.nio.file.Files.write(dir.resolve("biome-exports-trie"), bytes.array());
        assertEquals(List.of(), trieExports(patched, null), "LLVM 14 reads only LC_DYLD_INFO's trie");
        try (BinaryImage image = BinaryOpener.open(patched)) {
            assertEquals(trieExports(original, null), image.exports().stream().map(x -> x.name() + "@" + x.address()).toList());
        }
    }

    private static final Pattern LOAD_COMMAND_FIELD = Pattern.compile("^\\s*(cmd|uuid|entryoff|name) (\\S+).*$");

    @ParameterizedTest
    @MethodSource("images")
    void fileFactsMatchTheLoadCommands(Path file, String slice, int position) {
        String uuid = null;
        long entryOffset = -1;
        String ownName = null;
        String commandName = "";
        for (String line : Tools.run(command(file, slice, "llvm-objdump", "--macho", "--private-headers")).split("\n")) {
            Matcher m = LOAD_COMMAND_FIELD.matcher(line);
            if (!m.matches()) {
                continue;
            }
            switch (m.group(1)) {
                case "cmd" -> commandName = m.group(2);
                case "uuid" -> uuid = m.group(2).replace("-", "").toLowerCase();
                case "entryoff" -> entryOffset = Long.parseLong(m.group(2));
                default -> ownName = commandName.equals("LC_ID_DYLIB") ? m.group(2) : ownName;
            }
        }
        List<String> needed = new ArrayList<>();
        boolean inList = false;
        List<String> readobj = new ArrayList<>(List.of(Tools.run(List.of("llvm-readobj", "--needed-libs", file.toString())).split("\n")));
        int files = 0;
        for (String line : readobj) {
            if (line.startsWith("File: ")) {
                files++;
            } else if (line.startsWith("NeededLibraries [")) {
                inList = files == position + 1;
            } else if (line.equals("]")) {
                inList = false;
            } else if (inList) {
                needed.add(line.strip());
            }
        }
        try (BinaryImage image = BinaryOpener.open(file, slice)) {
            BinaryInfo info = image.info();
            assertEquals("Mach-O", info.format().displayName());
            assertNotNull(uuid);
            assertEquals(uuid, info.buildId());
            long text = image.segments().stream().filter(s -> s.name().equals("__TEXT")).findFirst().orElseThrow().virtualAddress();
            assertEquals(entryOffset < 0 ? 0 : text + entryOffset, info.entryAddress());
            assertEquals(entryOffset < 0 ? "shared-object" : "executable", info.fileType());
            assertEquals(slice == null ? (file.getFileName().toString().contains("arm64") ? "aarch64" : "x86_64")
                    : slice.equals("arm64") ? "aarch64" : slice, info.architecture());
            assertEquals(64, info.bits());
            assertEquals(entryOffset < 0 ? null : "/usr/lib/dyld", info.interpreter());
            assertTrue(info.stripped());
            assertNull(info.debugFile());
            // llvm-readobj lists the dylib's own LC_ID_DYLIB name among the needed ones; it is no dependency.
            needed.remove(ownName);
            assertEquals(needed.stream().sorted().toList(), image.libraries().stream().map(LinkedLibrary::name).sorted().toList());
            assertTrue(image.libraries().stream().allMatch(l -> l.kind().equals("load")));
        }
    }
}
