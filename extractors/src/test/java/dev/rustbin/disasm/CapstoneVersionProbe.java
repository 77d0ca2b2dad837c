package dev.rustbin.disasm;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link CapstoneVersionsTest} in a JVM of its own with one Capstone library: prints the
 * library's major version, then one line per instruction with everything rustbin reads from
 * Capstone's structures (text, groups, registers, operands), for hand-made x86-64 and AArch64
 * code and the first instructions of a real binary's .text.
 *
 * <p>Arguments: ELF_FILE INSTRUCTIONS.
 */
public final class CapstoneVersionProbe {

    private CapstoneVersionProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println("capstone " + CapstoneLibrary.layout().major());
        print(Architecture.X86_64, Hex.direct("48 8b 44 cb 10 48 83 c0 05 e8 00 00 00 00 06 c4 e2 7d dc c1"), Long.MAX_VALUE);
        print(Architecture.AARCH64, Hex.direct("20 78 62 f8 20 10 00 91 00 10 6e 1e 04 00 00 94 e0 07 41 a9"), Long.MAX_VALUE);
        ElfSections elf = new ElfSections(Path.of(args[0]));
        print(Architecture.X86_64, elf.bytes(elf.section(".text")), Long.parseLong(args[1]));
    }

    private static void print(Architecture arch, ByteBuffer code, long limit) {
        long[] printed = {0};
        try (Disassembler disassembler = new Disassembler(arch, true)) {
            disassembler.disassemble(code, 0x1000, (address, size, bytes, mnemonic, operands, flags, target) -> {
                if (printed[0]++ >= limit) {
                    return;
                }
                InstructionDetail d = disassembler.detail();
                List<String> parts = new ArrayList<>(List.of(Long.toHexString(address), Integer.toString(size), mnemonic, operands,
                        Integer.toString(flags), Long.toHexString(target)));
                for (int i = 0; i < d.groupCount(); i++) {
                    parts.add("g:" + d.group(i));
                }
                for (int i = 0; i < d.registersReadCount(); i++) {
                    parts.add("r:" + d.registerRead(i));
                }
                for (int i = 0; i < d.registersWrittenCount(); i++) {
                    parts.add("w:" + d.registerWritten(i));
                }
                for (int i = 0; i < d.operandCount(); i++) {
                    parts.add("op:" + d.operandKind(i) + "," + d.operandRegister(i) + "," + d.operandImmediate(i) + ","
                            + d.operandFloat(i) + "," + d.operandBase(i) + "," + d.operandIndex(i) + "," + d.operandScale(i) + ","
                            + d.operandDisplacement(i) + "," + d.operandAccess(i) + "," + d.operandSize(i));
                }
                System.out.println(String.join("|", parts));
            });
        }
    }
}
