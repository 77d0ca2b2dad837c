package dev.rustbin.disasm;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import java.util.Optional;

/** The instruction sets we disassemble, with Capstone's {@code cs_arch}/{@code cs_mode} values. */
public enum Architecture {
    X86_32(3, 1 << 2, 1),
    X86_64(3, 1 << 3, 1),
    AARCH64(1, 0, 4),
    ARM(0, 0, 4),
    ARM_THUMB(0, 1 << 4, 2);

    static final int EM_386 = 3;
    static final int EM_ARM = 40;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;

    final int csArch;
    final int csMode;
    /**
     * Bytes Capstone's SKIPDATA steps over per data pseudo-instruction; fewer bytes than this at the
     * end of a buffer are never decoded by Capstone, so {@link Disassembler} reports them itself.
     */
    final int skipUnit;

    Architecture(int csArch, int csMode, int skipUnit) {
        this.csArch = csArch;
        this.csMode = csMode;
        this.skipUnit = skipUnit;
    }

    /**
     * The architecture for an ELF {@code e_machine}. EM_ARM covers both ARM and Thumb code; a whole
     * file cannot say which, so we choose ARM (symbols with an odd address are Thumb: callers that
     * know that open an {@link #ARM_THUMB} disassembler for them).
     */
    public static Optional<Architecture> fromElfMachine(int eMachine) {
        switch (eMachine) {
            case EM_386: return Optional.of(X86_32);
            case EM_X86_64: return Optional.of(X86_64);
            case EM_ARM: return Optional.of(ARM);
            case EM_AARCH64: return Optional.of(AARCH64);
            default: return Optional.empty();
        }
    }

    /** The architecture of a binary's code, or a clear error naming the file when we cannot decode it. */
    public static Architecture of(BinaryImage image) {
        return switch (image.info().architecture()) {
            case "x86_64" -> X86_64;
            case "x86" -> X86_32;
            case "aarch64" -> AARCH64;
            case "arm" -> ARM;
            default -> throw new BinaryFormatException(image.path(),
                    "disassembly of " + image.info().architecture() + " code is not supported (x86, x86_64, arm, aarch64 are)");
        };
    }

    boolean isX86() {
        return this == X86_32 || this == X86_64;
    }

    boolean isArm32() {
        return this == ARM || this == ARM_THUMB;
    }
}
