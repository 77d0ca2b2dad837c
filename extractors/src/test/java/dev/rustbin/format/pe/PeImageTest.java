package dev.rustbin.format.pe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryInfo;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Export;
import dev.rustbin.format.Import;
import dev.rustbin.format.LinkedLibrary;
import dev.rustbin.format.Section;
import dev.rustbin.format.Segment;
import dev.rustbin.format.Symbol;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.LlvmReadobj;
import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sections, headers, imports, exports and the CodeView record of real PE files compared with LLVM's tools. */
class PeImageTest {

    static Stream<Path> binaries() {
        return Corpus.peBinaries().stream();
    }

    private static LlvmReadobj.Block fileHeader(Path file, String block) {
        return LlvmReadobj.blocks(file, "--file-headers", block).get(0).get(0);
    }

    /** Function starts from .pdata: the RUNTIME_FUNCTION starts llvm-readobj --unwind lists (x86-64 and ARM64; 32-bit x86 has none). */
    @ParameterizedTest
    @MethodSource("binaries")
    void functionStartsAreLlvmReadobjsRuntimeFunctions(Path file) {
        Matcher m = Pattern.compile("(?:StartAddress|Function): (?:\\S+ )?\\(?(0x[0-9A-Fa-f]+)").matcher(Tools.run(List.of("llvm-readobj", "--unwind", file.toString())));
        java.util.TreeSet<Long> expected = new java.util.TreeSet<>();
        while (m.find()) {
            expected.add(Long.decode(m.group(1)));
        }
        try (BinaryImage image = BinaryOpener.open(file)) {
            assertEquals(List.copyOf(expected), Arrays.stream(image.functionStarts()).boxed().toList(), file.toString());
            assertEquals(image.info().architecture().equals("x86"), expected.isEmpty(), file + ": " + expected.size() + " functions");
        }
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void sectionsMatchLlvmReadobj(Path file) {
        List<LlvmReadobj.Block> expected = LlvmReadobj.blocks(file, "--sections", "Section").get(0);
        long imageBase = fileHeader(file, "ImageOptionalHeader").number("ImageBase");
        long alignment = fileHeader(file, "ImageOptionalHeader").number("SectionAlignment");
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<Section> actual = image.sections();
            assertEquals(expected.size(), actual.size(), "section count");
            assertTrue(actual.size() >= 4);
            for (int i = 0; i < expected.size(); i++) {
                LlvmReadobj.Block e = expected.get(i);
                Section a = actual.get(i);
                String where = file.getFileName() + " section " + a.name();
                long virtualSize = e.number("VirtualSize");
                long rawSize = e.number("RawDataSize");
                assertEquals(e.number("Number"), a.index(), where);
                assertEquals(e.name("Name"), a.name(), where);
                assertEquals(imageBase + e.number("VirtualAddress"), a.address(), where);
                assertEquals(virtualSize, a.size(), where);
                assertEquals(e.number("PointerToRawData"), a.fileOffset(), where);
                assertEquals(Math.min(virtualSize, rawSize), a.fileSize(), where);
                assertEquals(e.flagBits(), a.flags(), where);
                assertEquals(alignment, a.alignment(), where);
                assertEquals(e.flags().stream().anyMatch(f -> f.startsWith("IMAGE_SCN_MEM_READ ")), a.permissions().readable(), where);
                assertEquals(e.flags().stream().anyMatch(f -> f.startsWith("IMAGE_SCN_MEM_WRITE ")), a.permissions().writable(), where);
                assertEquals(e.flags().stream().anyMatch(f -> f.startsWith("IMAGE_SCN_MEM_EXECUTE ")), a.permissions().executable(), where);
                assertEquals(a.fileSize(), image.contentOf(a).remaining(), where);
            }
        }
    }

    private static final Pattern OBJDUMP_SECTION = Pattern.compile("^\\s*(\\d+) (\\S+)\\s+([0-9a-f]{8}) ([0-9a-f]{8}|[0-9a-f]{16}) (TEXT|DATA|BSS)?\\s*$");

    /** llvm-objdump -h gives an image section the size min(VirtualSize, SizeOfRawData): our file_size. */
    @ParameterizedTest
    @MethodSource("binaries")
    void sectionSizesMatchLlvmObjdump(Path file) {
        List<Matcher> expected = new ArrayList<>();
        for (String line : Tools.run(List.of("llvm-objdump", "-h", file.toString())).split("\n")) {
            Matcher m = OBJDUMP_SECTION.matcher(line);
            if (m.matches()) {
                expected.add(m);
            }
        }
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<Section> actual = image.sections();
            assertEquals(expected.size(), actual.size(), "section count");
            for (int i = 0; i < expected.size(); i++) {
                Matcher e = expected.get(i);
                Section a = actual.get(i);
                assertEquals(e.group(2), a.name());
                assertEquals(Long.parseLong(e.group(3), 16), a.fileSize(), a.name());
                assertEquals(Long.parseUnsignedLong(e.group(4), 16), a.address(), a.name());
                String type = a.type().equals("code") ? "TEXT" : a.type().equals("uninitialized_data") ? "BSS" : "DATA";
                assertEquals(type, e.group(5), a.name());
            }
        }
    }

    /** The headers, then one loaded region per section. */
    @ParameterizedTest
    @MethodSource("binaries")
    void segmentsAreTheHeadersThenTheSections(Path file) {
        LlvmReadobj.Block optional = fileHeader(file, "ImageOptionalHeader");
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<Segment> segments = image.segments();
            assertEquals(image.sections().size() + 1, segments.size());
            Segment headers = segments.get(0);
            assertEquals(optional.number("ImageBase"), headers.virtualAddress());
            assertEquals(optional.number("SizeOfHeaders"), headers.fileSize());
            assertEquals("r--", headers.permissions().toString());
            for (int i = 1; i < segments.size(); i++) {
                Section s = image.sections().get(i - 1);
                Segment g = segments.get(i);
                assertEquals(List.of("LOAD", s.name(), s.address(), s.size(), s.fileOffset(), s.fileSize(), s.permissions()),
                        List.of(g.type(), g.name(), g.virtualAddress(), g.memorySize(), g.fileOffset(), g.fileSize(), g.permissions()));
            }
        }
    }

    private static final Pattern PDB = Pattern.compile("^\\s*PDB(GUID|Age|FileName): (.*)$");

    @ParameterizedTest
    @MethodSource("binaries")
    void fileFactsMatchTheHeaders(Path file) {
        LlvmReadobj.Block coff = fileHeader(file, "ImageFileHeader");
        LlvmReadobj.Block optional = fileHeader(file, "ImageOptionalHeader");
        // The first CodeView record's fields, as the reader uses the first.
        Map<String, String> codeView = new HashMap<>();
        for (String line : Tools.run(List.of("llvm-readobj", "--coff-debug-directory", file.toString())).split("\n")) {
            Matcher m = PDB.matcher(line);
            if (m.matches()) {
                codeView.putIfAbsent(m.group(1), m.group(2));
            }
        }
        String guid = codeView.get("GUID");
        try (BinaryImage image = BinaryOpener.open(file)) {
            BinaryInfo info = image.info();
            assertEquals("PE", info.format().displayName());
            String machine = coff.name("Machine");
            assertEquals(switch (machine) {
                case "IMAGE_FILE_MACHINE_AMD64" -> "x86_64";
                case "IMAGE_FILE_MACHINE_ARM64" -> "aarch64";
                case "IMAGE_FILE_MACHINE_I386" -> "x86";
                default -> machine;
            }, info.architecture());
            assertEquals(optional.number("Magic") == 0x20b ? 64 : 32, info.bits());
            long entry = optional.number("AddressOfEntryPoint");
            assertEquals(entry == 0 ? 0 : optional.number("ImageBase") + entry, info.entryAddress());
            boolean dll = coff.flags().stream().anyMatch(f -> f.startsWith("IMAGE_FILE_DLL "));
            assertEquals(dll ? "shared-object" : "executable", info.fileType());
            String subsystem = optional.name("Subsystem");
            assertEquals(subsystem.equals("IMAGE_SUBSYSTEM_WINDOWS_CUI") ? "windows-cui" : "windows-gui", info.subsystem(), subsystem);
            assertEquals(coff.number("SymbolCount") == 0, info.stripped());
            assertEquals(coff.number("SymbolCount"), image.symbols().size());
            if (guid == null) {
                assertNull(info.buildId());
                assertNull(info.debugFile());
            } else {
                // llvm-readobj prints the GUID's 16 bytes in file order; the symbol-server key swaps the first three fields.
                String[] b = guid.replaceAll("[()]", "").toLowerCase().split(" ");
                String key = b[3] + b[2] + b[1] + b[0] + b[5] + b[4] + b[7] + b[6] + String.join("", List.of(b).subList(8, 16))
                        + Long.toHexString(Long.parseLong(codeView.get("Age")));
                assertEquals(key, info.buildId());
                assertEquals(codeView.get("FileName"), info.debugFile());
                assertTrue(info.debugFile().endsWith(".pdb"));
            }
        }
    }

    private static final Pattern IMPORT_SYMBOL = Pattern.compile("^(\\S*) \\((\\d+)\\)$");

    @ParameterizedTest
    @MethodSource("binaries")
    void importsMatchLlvmReadobj(Path file) {
        List<LlvmReadobj.Block> expected = LlvmReadobj.blocks(file, "--coff-imports", "Import").get(0);
        try (BinaryImage image = BinaryOpener.open(file)) {
            assertEquals(expected.stream().map(b -> b.text("Name")).toList(), image.libraries().stream().map(LinkedLibrary::name).toList());
            List<String> wanted = new ArrayList<>();
            for (LlvmReadobj.Block dll : expected) {
                for (String symbol : dll.all("Symbol")) {
                    Matcher m = IMPORT_SYMBOL.matcher(symbol);
                    assertTrue(m.matches(), symbol);
                    wanted.add(dll.text("Name") + " " + m.group(1) + " " + m.group(2));
                }
            }
            List<Import> imports = image.imports();
            assertEquals(wanted, imports.stream().map(i -> i.library() + " " + i.name() + " " + i.hint()).toList());
            assertTrue(imports.size() >= 10);
        }
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void exportsMatchLlvmReadobj(Path file) {
        List<LlvmReadobj.Block> expected = LlvmReadobj.blocks(file, "--coff-exports", "Export").get(0);
        long imageBase = fileHeader(file, "ImageOptionalHeader").number("ImageBase");
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<Export> actual = image.exports();
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                LlvmReadobj.Block e = expected.get(i);
                Export a = actual.get(i);
                assertEquals(e.number("Ordinal"), (long) a.ordinal());
                assertEquals(e.has("Name") ? e.text("Name") : null, a.name());
                assertEquals(imageBase + e.number("RVA"), a.address());
                assertNull(a.forwardedTo());
            }
        }
    }

    /** One COFF symbol record to append: name, value, section number, type, storage class, aux record count. */
    private record CoffSymbol(String name, int value, int section, int type, int storageClass, int aux) {
    }

    /**
     * None of the real PE files keeps a COFF symbol table (windows-gnu release builds are stripped), so
     * one is appended to a copy of rollup's windows-gnu DLL, with long names in the string table and a
     * section renamed to "/4" as MinGW writes long section names; llvm-readobj reads the same file.
     */
    @Test
    void coffSymbolTableMatchesLlvmReadobj(@TempDir Path dir) throws IOException {
        List<CoffSymbol> records = List.of(
                new CoffSymbol(".file", 0, -2, 0, 103, 1),
                new CoffSymbol(".text", 0, 1, 0, 3, 1),
                new CoffSymbol("_ZN4core3fmt5write17h0123456789abcdefE", 0x100, 1, 0x20, 2, 0),
                new CoffSymbol("counter", 0x10, 2, 0, 2, 0),
                new CoffSymbol("local_label", 0x40, 1, 0, 3, 0),
                new CoffSymbol("undefined_function_with_a_long_name", 0, 0, 0x20, 2, 0),
                new CoffSymbol("weak", 0, 0, 0, 105, 1),
                new CoffSymbol("__abs", 0x1234, -1, 0, 3, 0));
        byte[] original = Files.readAllBytes(Corpus.foreign("rollup-win32-x64-gnu.dll"));
        ByteBuffer strings = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        strings.position(4);
        strings.put(".eh_frame\0".getBytes(StandardCharsets.US_ASCII));
        int symbolCount = records.stream().mapToInt(r -> 1 + r.aux()).sum();
        ByteBuffer symbols = ByteBuffer.allocate(18 * symbolCount).order(ByteOrder.LITTLE_ENDIAN);
        for (CoffSymbol r : records) {
            byte[] name = r.name().getBytes(StandardCharsets.US_ASCII);
            if (name.length <= 8) {
                symbols.put(Arrays.copyOf(name, 8));
            } else {
                symbols.putInt(0).putInt(strings.position());
                strings.put(name).put((byte) 0);
            }
            symbols.putInt(r.value()).putShort((short) r.section()).putShort((short) r.type()).put((byte) r.storageClass()).put((byte) r.aux());
            symbols.put(new byte[18 * r.aux()]);
        }
        int stringsSize = strings.position();
        strings.putInt(0, stringsSize);
        ByteBuffer file = ByteBuffer.allocate(original.length + symbols.capacity() + stringsSize).order(ByteOrder.LITTLE_ENDIAN);
        file.put(original).put(symbols.array()).put(strings.array(), 0, stringsSize);
        int pe = file.getInt(0x3c);
        file.putInt(pe + 12, original.length).putInt(pe + 16, symbolCount);
        int sectionTable = pe + 24 + (file.getShort(pe + 20) & 0xffff);
        file.put(sectionTable + 3 * 40, "/4\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        Path withSymbols = dir.resolve("with-symbols.dll");
        Files.write(withSymbols, file.array());

        List<LlvmReadobj.Block> expected = LlvmReadobj.blocks(withSymbols, "--symbols", "Symbol").get(0);
        String renamed = LlvmReadobj.blocks(withSymbols, "--sections", "Section").get(0).get(3).name("Name");
        long imageBase = fileHeader(withSymbols, "ImageOptionalHeader").number("ImageBase");
        try (BinaryImage image = BinaryOpener.open(withSymbols)) {
            assertEquals(".eh_frame", renamed);
            assertEquals(renamed, image.sections().get(3).name());
            List<Symbol> actual = image.symbols();
            assertEquals(records.size(), expected.size());
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                LlvmReadobj.Block e = expected.get(i);
                Symbol a = actual.get(i);
                String where = "symbol " + i + " " + a.name();
                assertEquals(e.text("Name"), a.name(), where);
                long section = e.number("Section");
                String storage = e.name("StorageClass");
                assertEquals(switch (storage) {
                    case "External" -> "global";
                    case "WeakExternal" -> "weak";
                    default -> "local";
                }, a.binding(), where);
                if (section > 0) {
                    Section s = image.sections().get((int) section - 1);
                    assertEquals(e.name("Section"), s.name(), where);
                    assertEquals(s.name(), a.sectionName(), where);
                    assertEquals(s.address() + e.number("Value"), a.address(), where);
                    assertEquals(e.name("ComplexType").equals("Function") ? "function" : storage.equals("Static") && a.name().equals(s.name())
                            ? "section" : s.permissions().executable() ? "notype" : "variable", a.type(), where);
                } else {
                    assertEquals(e.number("Value"), a.address(), where);
                    assertEquals(section == -1 ? "*ABS*" : null, a.sectionName(), where);
                    assertEquals(storage.equals("File") ? "file" : section == -2 ? "debug" : "notype", a.type(), where);
                }
                assertEquals(section != 0, a.defined(), where);
            }
            assertTrue(!image.info().stripped());
            assertEquals(imageBase + 0x1000 + 0x100, actual.get(2).address());
        }
    }
}
