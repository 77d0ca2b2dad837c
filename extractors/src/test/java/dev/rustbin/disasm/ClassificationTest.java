package dev.rustbin.disasm;

import static dev.rustbin.disasm.InstructionFlags.CALL;
import static dev.rustbin.disasm.InstructionFlags.CONDITIONAL;
import static dev.rustbin.disasm.InstructionFlags.DIRECT;
import static dev.rustbin.disasm.InstructionFlags.JUMP;
import static dev.rustbin.disasm.InstructionFlags.RETURN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Control-flow flags and direct targets, computed without detail mode. */
class ClassificationTest {

    private static final long AT = 0x1000;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        // architecture | bytes at 0x1000 | mnemonic | flags | target
        "X86_64  | e8 0b 00 00 00    | call   | " + (CALL | DIRECT) + "                | 1010",
        "X86_64  | ff 15 10 00 00 00 | call   | " + CALL + "                          | 0",
        "X86_64  | eb fe             | jmp    | " + (JUMP | DIRECT) + "                | 1000",
        "X86_64  | ff e0             | jmp    | " + JUMP + "                          | 0",
        "X86_64  | 0f 84 10 00 00 00 | je     | " + (JUMP | CONDITIONAL | DIRECT) + "  | 1016",
        "X86_64  | 74 02             | je     | " + (JUMP | CONDITIONAL | DIRECT) + "  | 1004",
        "X86_64  | e2 fe             | loop   | " + (JUMP | CONDITIONAL | DIRECT) + "  | 1000",
        "X86_64  | c3                | ret    | " + RETURN + "                        | 0",
        "X86_64  | c2 08 00          | ret    | " + RETURN + "                        | 0",
        "X86_64  | 48 cf             | iretq  | " + RETURN + "                        | 0",
        "X86_64  | 48 89 e5          | mov    | 0                                     | 0",
        "X86_32  | e8 fb ff ff ff    | call   | " + (CALL | DIRECT) + "                | 1000",
        "AARCH64 | 04 00 00 94       | bl     | " + (CALL | DIRECT) + "                | 1010",
        "AARCH64 | 00 01 3f d6       | blr    | " + CALL + "                          | 0",
        "AARCH64 | ff ff ff 17       | b      | " + (JUMP | DIRECT) + "                | ffc",
        "AARCH64 | c0 ff ff 54       | b.eq   | " + (JUMP | CONDITIONAL | DIRECT) + "  | ff8",
        "AARCH64 | 40 00 00 b4       | cbz    | " + (JUMP | CONDITIONAL | DIRECT) + "  | 1008",
        "AARCH64 | 41 00 18 36       | tbz    | " + (JUMP | CONDITIONAL | DIRECT) + "  | 1008",
        "AARCH64 | 00 02 1f d6       | br     | " + JUMP + "                          | 0",
        "AARCH64 | c0 03 5f d6       | ret    | " + RETURN + "                        | 0",
        "AARCH64 | 20 10 00 91       | add    | 0                                     | 0",
        "ARM     | 02 00 00 eb       | bl     | " + (CALL | DIRECT) + "                | 1010",
        "ARM     | 33 ff 2f e1       | blx    | " + CALL + "                          | 0",
        "ARM     | fc ff ff 1a       | bne    | " + (JUMP | CONDITIONAL | DIRECT) + "  | ff8",
        "ARM     | 1e ff 2f e1       | bx     | " + RETURN + "                        | 0",
        "ARM     | 13 ff 2f e1       | bx     | " + JUMP + "                          | 0",
        "ARM     | 10 80 bd e8       | pop    | " + RETURN + "                        | 0",
        "ARM     | 10 40 2d e9       | push   | 0                                     | 0",
        "ARM     | 10 80 bd 18       | popne  | " + (RETURN | CONDITIONAL) + "         | 0",
        "ARM_THUMB | 70 47           | bx     | " + RETURN + "                        | 0",
        "ARM_THUMB | 10 bd           | pop    | " + RETURN + "                        | 0",
        "ARM_THUMB | 10 b4           | push   | 0                                     | 0",
        "ARM_THUMB | fe e7           | b      | " + (JUMP | DIRECT) + "                | 1000",
    })
    void flagsAndTargets(Architecture arch, String hex, String mnemonic, int flags, String target) {
        Listing listing = SkipDataTest.decode(arch, Hex.direct(hex), AT);
        assertEquals(1, listing.count);
        assertEquals(mnemonic, listing.mnemonics[0], "mnemonic (to be sure the bytes are what we mean)");
        assertEquals(flags, listing.flags[0], () -> "flags of " + listing.describe(0));
        assertEquals(Long.parseLong(target, 16), listing.targets[0]);
    }

    /** Capstone prints immediates below 10 in decimal, targets included. */
    @Test
    void smallTargetsPrintedInDecimalAreParsed() {
        // call at address 0 to 5, the next instruction
        Listing listing = SkipDataTest.decode(Architecture.X86_64, Hex.direct("e8 00 00 00 00"), 0);
        assertEquals("5", listing.operands[0]);
        assertEquals(CALL | DIRECT, listing.flags[0]);
        assertEquals(5, listing.targets[0]);
    }

    /**
     * Capstone's own groups and immediate operand, from detail mode, as the reference for the cheap
     * flags on every instruction of a real binary.
     */
    @Test
    void flagsAgreeWithCapstoneGroupsOnARealBinary() throws Exception {
        ElfSections elf = new ElfSections(Binaries.fixture("demo-release"));
        ElfSections.Section text = elf.section(".text");
        List<String> disagreements = new ArrayList<>();
        Set<Integer> kinds = new HashSet<>();
        try (Disassembler disassembler = new Disassembler(Architecture.X86_64, true)) {
            disassembler.disassemble(elf.bytes(text), text.address(), (address, size, bytes, mnemonic, operands, flags, target) -> {
                InstructionDetail detail = disassembler.detail();
                Set<String> groups = new HashSet<>();
                for (int i = 0; i < detail.groupCount(); i++) {
                    groups.add(detail.group(i));
                }
                Optional<Long> immediate = detail.operandCount() == 1
                        && detail.operandKind(0) == OperandKind.IMMEDIATE
                        ? Optional.of(detail.operandImmediate(0)) : Optional.empty();
                boolean agree = InstructionFlags.isCall(flags) == groups.contains("call")
                        && InstructionFlags.isJump(flags) == groups.contains("jump")
                        && InstructionFlags.isReturn(flags) == (groups.contains("ret") || groups.contains("iret"))
                        && InstructionFlags.hasTarget(flags) == groups.contains("branch_relative")
                        && (!InstructionFlags.hasTarget(flags) || immediate.equals(Optional.of(target)));
                if (!agree && disagreements.size() < 10) {
                    disagreements.add(String.format("%x %s %s flags 0x%x target %x groups %s", address,
                            mnemonic, operands, flags, target, groups));
                }
                kinds.add(flags);
            });
        }
        assertEquals(List.of(), disagreements);
        assertTrue(kinds.containsAll(Set.of(CALL | DIRECT, CALL, JUMP | DIRECT, JUMP | CONDITIONAL | DIRECT, RETURN)),
                "the binary exercises every kind: " + kinds);
    }

    @Test
    void architectureFromElfMachine() {
        assertEquals(Optional.of(Architecture.X86_32), Architecture.fromElfMachine(3));
        assertEquals(Optional.of(Architecture.X86_64), Architecture.fromElfMachine(62));
        assertEquals(Optional.of(Architecture.ARM), Architecture.fromElfMachine(40));
        assertEquals(Optional.of(Architecture.AARCH64), Architecture.fromElfMachine(183));
        assertEquals(Optional.empty(), Architecture.fromElfMachine(243));
    }
}
