package dev.rustbin.memory.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.dwarf.DwarfFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Section;
import dev.rustbin.memory.AddressSpace;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Tools;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every FDE and every row of the CFI table of real binaries, against {@code readelf -wF} (binutils'
 * own decoder and interpreter): glibc (GCC output: remember/restore state, expressions, register
 * rules) and memdemo (LLVM output), and a hand-written table with every instruction. Both lookup
 * paths are checked: .eh_frame_hdr's search table and the index built from .eh_frame itself.
 */
class CfiTablesTest {

    private static final Pattern FDE = Pattern.compile("^[0-9a-f]{8} [0-9a-f]+ [0-9a-f]{8} FDE cie=[0-9a-f]+ pc=([0-9a-f]+)\\.\\.([0-9a-f]+)$");
    private static final Pattern ROW = Pattern.compile("^([0-9a-f]{16}) (.*)$");
    private static final Pattern TOKEN = Pattern.compile("r\\d+ \\(\\w+\\)|\\S+");
    private static final String[] NAMES = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "ra"};

    static Stream<Path> binaries() {
        return Stream.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), Corpus.fixture("memdemo"));
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void everyRowEqualsReadelfs(Path binary) {
        assertRowsEqualReadelfs(binary, 500, 1000);
    }

    /**
     * test-corpus/c/cfi-ops.S: every DW_CFA instruction the unwinder reads, in .eh_frame (with a
     * 'zPLRS' CIE: indirect personality, LSDA, signal frame) and in .debug_frame (an "S" CIE).
     */
    @ParameterizedTest
    @ValueSource(strings = {"-DEH_FRAME", "-DDEBUG_FRAME"}) // EH_FRAME means nothing to the source: the default
    void everyCfiInstructionEqualsReadelf(String flavour, @TempDir Path dir) {
        Path library = dir.resolve("cfi-ops.so");
        Tools.run(List.of("gcc", "-shared", "-nostdlib", flavour, "-o", library.toString(),
                Corpus.fixtures().resolve("../../c/cfi-ops.S").normalize().toString()));
        assertRowsEqualReadelfs(library, 1, 10);
        try (BinaryImage image = BinaryOpener.open(library)) {
            FrameDescriptionEntry fde = ModuleCfi.of(image, null).find(0x1000);
            assertTrue(fde.cie().signalFrame());
            RegisterFile registers = new RegisterFile(NAMES.length);
            registers.set(7, 0x7000);
            registers.set(16, 0x200c);
            AddressSpace nothing = new AddressSpace() {
                @Override
                public boolean read(long address, byte[] target, int offset, int length) {
                    return false;
                }

                @Override
                public boolean contains(long address, long length) {
                    return false;
                }
            };
            // The PLT's CFA: rsp + 8, plus 8 more once rip & 15 >= 11.
            assertEquals(0x7010, DwarfExpression.evaluate(CfiInterpreter.rowAt(fde, 0x100a, NAMES.length).cfaExpression(),
                    registers, nothing, 0, null));
            registers.set(16, 0x2003);
            assertEquals(0x7008, DwarfExpression.evaluate(CfiInterpreter.rowAt(fde, 0x100a, NAMES.length).cfaExpression(),
                    registers, nothing, 0, null));
            RegisterRule rdi = CfiInterpreter.rowAt(fde, 0x1007, NAMES.length).rule(5);
            assertEquals(((0x7000L + 8) << 3) + 1, DwarfExpression.evaluate(rdi.expression(), registers, nothing, 0, 0L));
        }
    }

    /**
     * memdemo's .eh_frame and .eh_frame_hdr with random bytes overwritten: lookups and rows either
     * work or fail with the one error the unwinder catches, never anything else (and always end).
     */
    @Test
    void corruptTablesFailOnlyWithFormatErrors() {
        try (BinaryImage image = BinaryOpener.open(Corpus.fixture("memdemo"))) {
            Section ehFrame = section(image, ".eh_frame");
            Section hdr = section(image, ".eh_frame_hdr");
            Random random = new Random(8);
            int failures = 0;
            for (int round = 0; round < 200; round++) {
                ByteBuffer frame = corrupted(image.contentOf(ehFrame), random);
                ByteBuffer header = corrupted(image.contentOf(hdr), random);
                PointerEncoding pointers = new PointerEncoding(0, 0, a -> 0);
                CfiSection section = new CfiSection(CfiSection.Kind.EH_FRAME, frame, ehFrame.address(), pointers);
                EhFrameHeader table = EhFrameHeader.parse(header, hdr.address(), pointers);
                for (int i = 0; i < 50; i++) {
                    long pc = ehFrame.address() + random.nextInt(0x40000) - 0x20000;
                    try {
                        FrameDescriptionEntry fde = section.find(pc);
                        if (fde != null) {
                            CfiInterpreter.rowAt(fde, pc, NAMES.length);
                        }
                        long at = table == null ? -1 : table.fdeAddressFor(pc);
                        if (at >= ehFrame.address() && at < ehFrame.address() + ehFrame.size()) {
                            FrameDescriptionEntry listed = section.fdeAt((int) (at - ehFrame.address()));
                            if (listed != null) {
                                CfiInterpreter.rowAt(listed, pc, NAMES.length);
                            }
                        }
                    } catch (DwarfFormatException expected) {
                        failures++;
                    }
                }
            }
            assertTrue(failures > 0, "no corruption was ever noticed");
        }
    }

    private static Section section(BinaryImage image, String name) {
        return image.sections().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static ByteBuffer corrupted(ByteBuffer original, Random random) {
        byte[] bytes = new byte[original.remaining()];
        original.duplicate().get(bytes);
        for (int i = 0; i < 32; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void assertRowsEqualReadelfs(Path binary, int minFdes, int minRows) {
        // readelf 2.40 exits 1 on glibc ("Unable to find program interpreter name") after printing every table.
        List<String> lines = Tools.run(List.of("sh", "-c", "readelf -wF \"$0\" || true", binary.toString())).lines().toList();
        try (BinaryImage image = BinaryOpener.open(binary)) {
            ModuleCfi cfi = ModuleCfi.of(image, null);
            CfiSection indexed = indexedEhFrame(image);
            int fdes = 0;
            int rows = 0;
            List<String> columns = List.of();
            FrameDescriptionEntry fde = null;
            for (String line : lines) {
                Matcher f = FDE.matcher(line);
                if (f.matches()) {
                    long begin = Long.parseUnsignedLong(f.group(1), 16);
                    long end = Long.parseUnsignedLong(f.group(2), 16);
                    fde = begin == end ? null : cfi.find(begin);
                    if (begin != end) {
                        assertNotNull(fde, line);
                        assertEquals(begin, fde.pcBegin(), line);
                        assertEquals(end, fde.pcEnd(), line);
                        if (indexed != null) {
                            assertEquals(fde.offset(), indexed.find(end - 1).offset(), line);
                        }
                        fdes++;
                    }
                    continue;
                }
                if (line.contains(" CIE ")) {
                    fde = null;
                    continue;
                }
                if (line.strip().startsWith("LOC")) {
                    columns = List.of(line.strip().split("\\s+"));
                    continue;
                }
                Matcher r = ROW.matcher(line);
                if (fde != null && r.matches()) {
                    long pc = Long.parseUnsignedLong(r.group(1), 16);
                    List<String> expected = tokens(r.group(2));
                    UnwindRow row = CfiInterpreter.rowAt(fde, pc, NAMES.length);
                    assertEquals(String.join(" ", expected), String.join(" ", ours(row, columns)),
                            binary + " at 0x" + Long.toHexString(pc) + " " + columns);
                    rows++;
                }
            }
            assertTrue(fdes >= minFdes, fdes + " FDEs");
            assertTrue(rows >= minRows, rows + " rows");
        }
    }

    /** The same .eh_frame, searched through the index built from its own entries instead of the header. */
    private static CfiSection indexedEhFrame(BinaryImage image) {
        Section s = image.sections().stream().filter(x -> x.name().equals(".eh_frame") && x.fileSize() > 0).findFirst().orElse(null);
        return s == null ? null : new CfiSection(CfiSection.Kind.EH_FRAME, image.contentOf(s).slice().order(ByteOrder.LITTLE_ENDIAN), s.address(),
                new PointerEncoding(0, 0, a -> 0));
    }

    /** readelf's cells: "s" (same value) and "u" (undefined, or not yet mentioned) both mean "not saved" here. */
    private static List<String> tokens(String cells) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(cells);
        while (m.find()) {
            tokens.add(m.group().equals("s") ? "u" : m.group());
        }
        return tokens;
    }

    private static List<String> ours(UnwindRow row, List<String> columns) {
        List<String> cells = new ArrayList<>();
        cells.add(row.cfaExpression() != null ? "exp" : String.format("%s%+d", NAMES[row.cfaRegister()], row.cfaOffset()));
        for (String column : columns.subList(2, columns.size())) {
            int register = List.of(NAMES).indexOf(column);
            RegisterRule rule = row.rule(register);
            cells.add(switch (rule.kind()) {
                case SAME_VALUE, UNDEFINED -> "u";
                case OFFSET -> String.format("c%+d", rule.operand());
                case VAL_OFFSET -> String.format("v%+d", rule.operand());
                case REGISTER -> "r" + rule.operand() + " (" + NAMES[(int) rule.operand()] + ")";
                case EXPRESSION -> "exp";
                case VAL_EXPRESSION -> "vexp";
            });
        }
        return cells;
    }
}
