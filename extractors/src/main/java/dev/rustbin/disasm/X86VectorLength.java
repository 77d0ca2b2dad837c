package dev.rustbin.disasm;

import java.nio.ByteBuffer;

/**
 * The length of a VEX- or EVEX-encoded x86 instruction, computed from its encoding alone.
 *
 * <p>Capstone 4 predates VAES, VPCLMULQDQ on ymm/zmm, much of AVX-512 (BW, DQ, VL forms, IFMA) and
 * AVX-VNNI, all of which current Rust binaries contain (cargo 1.95's .text: 62,646 such instructions).
 * Its SKIPDATA then steps one byte at a time through them, and the vector prefix bytes that follow
 * decode as bogus instructions, often branches, until it falls back into step. Telling SKIPDATA the
 * true length keeps the sweep in step. These encodings are regular enough for that: prefix,
 * opcode, ModRM, SIB, displacement, and an imm8 for a known few opcodes.
 */
final class X86VectorLength {

    /** The architectural limit of an x86 instruction's length. */
    static final int MAX_LENGTH = 15;

    private X86VectorLength() {}

    /**
     * @param code the bytes from the instruction's first byte (at index 0) on, at least
     *     {@link #MAX_LENGTH} of them unless the input ends sooner
     * @return the instruction's length, or 0 if the bytes are not a complete VEX (C4, C5) or EVEX
     *     (62) encoded instruction, optionally behind segment or address-size prefixes
     */
    static int length(ByteBuffer code, boolean mode64) {
        int n = Math.min(code.limit(), MAX_LENGTH);
        int i = 0;
        boolean addressSizePrefix = false;
        // Only these legacy prefixes may precede VEX/EVEX; 66, F2, F3, F0 and REX make it #UD.
        while (i < n && isSegmentOrAddressSize(byteAt(code, i))) {
            addressSizePrefix |= byteAt(code, i) == 0x67;
            i++;
        }
        if (i + 1 >= n) {
            return 0;
        }
        int lead = byteAt(code, i);
        int payload = byteAt(code, i + 1);
        // Outside 64-bit mode C4, C5 and 62 are LES, LDS and BOUND unless ModRM.mod would be 11.
        if (!mode64 && (payload & 0xc0) != 0xc0) {
            return 0;
        }
        int map;
        int opcodeAt;
        switch (lead) {
            case 0xc5:
                map = 1;
                opcodeAt = i + 2;
                break;
            case 0xc4:
                map = payload & 0x1f;
                opcodeAt = i + 3;
                break;
            case 0x62:
                map = payload & 0x07;
                opcodeAt = i + 4;
                // EVEX's P1 has a bit fixed at 1
                if (i + 2 >= n || (byteAt(code, i + 2) & 0x04) == 0) {
                    return 0;
                }
                break;
            default:
                return 0;
        }
        // maps 1, 2, 3 are 0F, 0F38 and 0F3A
        if (map < 1 || map > 3 || opcodeAt >= n) {
            return 0;
        }
        int opcode = byteAt(code, opcodeAt);
        int at = opcodeAt + 1;
        // vzeroupper and vzeroall (VEX 0F 77) are the only such instructions without ModRM
        if (!(map == 1 && opcode == 0x77)) {
            if (at >= n) {
                return 0;
            }
            int modrm = byteAt(code, at++);
            boolean addressing16 = !mode64 && addressSizePrefix;
            int memory = addressing16 ? modrmBytes16(modrm) : modrmBytes(modrm, code, at, n);
            if (memory < 0) {
                return 0;
            }
            at += memory;
        }
        at += hasImm8(map, opcode) ? 1 : 0;
        return at <= n ? at : 0;
    }

    /** SIB and displacement bytes after a ModRM byte, 32- and 64-bit addressing; -1 if cut off. */
    private static int modrmBytes(int modrm, ByteBuffer code, int sibAt, int n) {
        int mod = modrm >>> 6;
        int rm = modrm & 7;
        if (mod == 3) {
            return 0;
        }
        int bytes = 0;
        boolean disp32 = mod == 2 || (mod == 0 && rm == 5);
        if (rm == 4) {
            if (sibAt >= n) {
                return -1;
            }
            bytes = 1;
            disp32 |= mod == 0 && (byteAt(code, sibAt) & 7) == 5;
        }
        return bytes + (mod == 1 ? 1 : disp32 ? 4 : 0);
    }

    /** Displacement bytes after a ModRM byte with 16-bit addressing (no SIB there). */
    private static int modrmBytes16(int modrm) {
        int mod = modrm >>> 6;
        if (mod == 0) {
            return (modrm & 7) == 6 ? 2 : 0;
        }
        return mod == 1 ? 1 : mod == 2 ? 2 : 0;
    }

    /** Map 0F3A always takes an imm8; in map 0F only shuffles, shifts by immediate, cmp, pinsrw/pextrw. */
    private static boolean hasImm8(int map, int opcode) {
        if (map == 3) {
            return true;
        }
        return map == 1 && ((opcode >= 0x70 && opcode <= 0x73) || (opcode >= 0xc2 && opcode <= 0xc6 && opcode != 0xc3));
    }

    static boolean isSegmentOrAddressSize(int b) {
        return b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 || b == 0x65 || b == 0x67;
    }

    private static int byteAt(ByteBuffer code, int index) {
        return code.get(index) & 0xff;
    }
}
