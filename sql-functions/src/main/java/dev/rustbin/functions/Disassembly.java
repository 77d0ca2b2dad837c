package dev.rustbin.functions;

import dev.rustbin.disasm.Architecture;
import dev.rustbin.disasm.Disassembler;
import dev.rustbin.disasm.InstructionFlags;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Disassembles an ad-hoc byte string (a memory snapshot, a section's {@code content}, a literal):
 * the body of the SQL table function {@code disassemble(bytes, address, arch)}.
 */
public final class Disassembly {

    /** One decoded instruction; undecodable bytes come back with {@code data} set. */
    public record Line(long address, int size, String mnemonic, String operands, boolean data) {
    }

    private Disassembly() {
    }

    /** @param arch x86_64, x86, aarch64, arm or thumb (case-insensitive) */
    public static List<Line> disassemble(byte[] bytes, long address, String arch) {
        List<Line> lines = new ArrayList<>();
        try (Disassembler disassembler = new Disassembler(architecture(arch), false)) {
            disassembler.disassemble(ByteBuffer.wrap(bytes), address, (at, size, raw, mnemonic, operands, flags, target) ->
                    lines.add(new Line(at, size, mnemonic, operands, InstructionFlags.isData(flags))));
        }
        return lines;
    }

    private static Architecture architecture(String name) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64", "amd64" -> Architecture.X86_64;
            case "x86", "i386", "i686" -> Architecture.X86_32;
            case "aarch64", "arm64" -> Architecture.AARCH64;
            case "arm" -> Architecture.ARM;
            case "thumb" -> Architecture.ARM_THUMB;
            default -> throw new IllegalArgumentException("disassemble: unknown architecture '" + name
                    + "' (use x86_64, x86, aarch64, arm or thumb)");
        };
    }
}
