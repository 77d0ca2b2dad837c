package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detail mode: groups, registers read and written, and operands, read from cs_detail by offset. */
class DetailTest {

    /** What the detail said about one instruction, copied out while it was valid. */
    record Seen(String mnemonic, List<String> groups, List<String> read, List<String> written,
            List<String> operands) {}

    @Test
    void x86MemoryOperandIsBrokenDown() {
        // mov rax, qword ptr [rbx + rcx*8 + 0x10]
        Seen mov = decode(Architecture.X86_64, "48 8b 44 cb 10").get(0);
        assertEquals(List.of("REGISTER rax size 8 access 2",
                "MEMORY base rbx index rcx scale 8 disp 16 size 8 access 1"), mov.operands());
        assertTrue(mov.read().containsAll(List.of("rbx", "rcx")), mov.read().toString());
        assertEquals(List.of("rax"), mov.written());
    }

    @Test
    void x86ImplicitRegistersAndGroups() {
        List<Seen> seen = decode(Architecture.X86_64, "48 83 c0 05 e8 00 00 00 00");
        Seen add = seen.get(0);
        assertEquals("IMMEDIATE 5 size 8 access 0", add.operands().get(1));
        assertTrue(add.written().containsAll(List.of("rax", "rflags")), add.written().toString());
        Seen call = seen.get(1);
        assertTrue(call.groups().containsAll(List.of("call", "branch_relative")), call.groups().toString());
        assertTrue(call.read().contains("rsp") && call.written().contains("rsp"), call.toString());
        assertEquals(List.of("IMMEDIATE 4105 size 8 access 0"), call.operands());
    }

    @Test
    void arm64Operands() {
        // ldr x0, [x1, x2, lsl #3]; add x0, x1, #4; fmov d0, #1.0; bl
        List<Seen> seen = decode(Architecture.AARCH64, "20 78 62 f8 20 10 00 91 00 10 6e 1e 04 00 00 94");
        assertEquals(List.of("REGISTER x0 size 0 access 2", "MEMORY base x1 index x2 scale 8 disp 0 size 0 access 1"),
                seen.get(0).operands());
        assertEquals("IMMEDIATE 4 size 0 access 1", seen.get(1).operands().get(2));
        assertEquals("FLOAT 1.0 size 0 access 1", seen.get(2).operands().get(1));
        // Capstone 4 files bl under "jump", not "call": why InstructionFlags go by instruction name
        assertEquals(List.of("jump", "branch_relative"), seen.get(3).groups());
        assertEquals(List.of("x30"), seen.get(3).written(), "bl writes the link register");
        assertEquals(List.of("IMMEDIATE " + 0x101c + " size 0 access 1"), seen.get(3).operands());
    }

    @Test
    void arm32HasGroupsAndRegistersButNoOperands() {
        // bl; then pop {r4, pc}
        List<Seen> seen = decode(Architecture.ARM, "02 00 00 eb 10 80 bd e8");
        assertTrue(seen.get(0).groups().contains("call"), seen.get(0).toString());
        assertEquals(List.of(), seen.get(0).operands());
        assertTrue(seen.get(1).written().contains("pc"), seen.get(1).toString());
    }

    @Test
    void dataAndUnknownInstructionsHaveNoDetail() {
        // 0x06 is invalid in 64-bit mode; then vaesenc, unknown to Capstone 4
        List<Seen> seen = decode(Architecture.X86_64, "06 c4 e2 7d dc c1");
        assertEquals(List.of(".byte", "vaesenc"), seen.stream().map(Seen::mnemonic).toList());
        for (Seen s : seen) {
            assertEquals(new Seen(s.mnemonic(), List.of(), List.of(), List.of(), List.of()), s);
        }
    }

    @Test
    void detailIsOnlyForDetailedDisassemblersDuringDelivery() {
        try (Disassembler cheap = new Disassembler(Architecture.X86_64, false)) {
            cheap.disassemble(Hex.heap("90"), 0, (a, s, b, m, o, f, t) ->
                    assertThrows(IllegalStateException.class, cheap::detail));
        }
        try (Disassembler detailed = new Disassembler(Architecture.X86_64, true)) {
            detailed.disassemble(Hex.heap("90"), 0, (a, s, b, m, o, f, t) -> detailed.detail());
            assertThrows(IllegalStateException.class, detailed::detail);
        }
    }

    private static List<Seen> decode(Architecture arch, String hex) {
        List<Seen> seen = new ArrayList<>();
        ByteBuffer code = Hex.direct(hex);
        try (Disassembler disassembler = new Disassembler(arch, true)) {
            disassembler.disassemble(code, 0x1000, (address, size, bytes, mnemonic, operands, flags, target) -> {
                InstructionDetail d = disassembler.detail();
                List<String> groups = new ArrayList<>();
                for (int i = 0; i < d.groupCount(); i++) {
                    groups.add(d.group(i));
                }
                List<String> read = new ArrayList<>();
                for (int i = 0; i < d.registersReadCount(); i++) {
                    read.add(d.registerRead(i));
                }
                List<String> written = new ArrayList<>();
                for (int i = 0; i < d.registersWrittenCount(); i++) {
                    written.add(d.registerWritten(i));
                }
                List<String> ops = new ArrayList<>();
                for (int i = 0; i < d.operandCount(); i++) {
                    ops.add(describe(d, i));
                }
                seen.add(new Seen(mnemonic, groups, read, written, ops));
            });
        }
        return seen;
    }

    private static String describe(InstructionDetail d, int i) {
        String value;
        switch (d.operandKind(i)) {
            case REGISTER: value = d.operandRegister(i); break;
            case IMMEDIATE: value = Long.toString(d.operandImmediate(i)); break;
            case FLOAT: value = Double.toString(d.operandFloat(i)); break;
            case MEMORY:
                value = "base " + d.operandBase(i) + " index " + d.operandIndex(i) + " scale "
                        + d.operandScale(i) + " disp " + d.operandDisplacement(i);
                break;
            default: value = "?"; break;
        }
        return d.operandKind(i) + " " + value + " size " + d.operandSize(i) + " access " + d.operandAccess(i);
    }
}
