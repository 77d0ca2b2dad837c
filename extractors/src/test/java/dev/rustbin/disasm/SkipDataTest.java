package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Without SKIPDATA Capstone stops at the first undecodable byte; we must never lose bytes that way. */
class SkipDataTest {

    @Test
    void decodingContinuesAfterAnInvalidByte() {
        // nop; 0x06 (push es, invalid in 64-bit mode); call +0; ret
        Listing listing = decode(Architecture.X86_64, Hex.direct("90 06 e8 00 00 00 00 c3"), 0x1000);
        assertEquals(4, listing.count);
        assertEquals(List.of("nop", ".byte", "call", "ret"), Arrays.asList(listing.mnemonics).subList(0, 4));
        assertEquals("0x06", listing.operands[1]);
        assertEquals(InstructionFlags.DATA, listing.flags[1]);
        assertArrayEquals(new long[] {0x1000, 0x1001, 0x1002, 0x1007}, Arrays.copyOf(listing.addresses, 4));
        assertEquals(8, listing.totalSize());
    }

    @Test
    void vectorInstructionsCapstoneCannotDecodeKeepTheirLength() {
        // vaesenc ymm0,ymm0,ymm1 (VAES, newer than Capstone 4); ret
        Listing listing = decode(Architecture.X86_64, Hex.direct("c4 e2 7d dc c1 c3"), 0x2000);
        assertEquals(2, listing.count);
        assertEquals("vaesenc", listing.mnemonics[0]);
        assertEquals(5, listing.sizes[0]);
        assertEquals(InstructionFlags.UNKNOWN, listing.flags[0]);
        assertEquals("0xc4, 0xe2, 0x7d, 0xdc, 0xc1", listing.operands[0]);
        assertEquals("ret", listing.mnemonics[1]);
    }

    @Test
    void vectorInstructionsWeCannotNameAreUnknownWithTheirLength() {
        // vpdpbusd zmm0,zmm1,zmm2 (AVX512-VNNI, which objdump names and our table does not); ret
        Listing listing = decode(Architecture.X86_64, Hex.direct("62 f2 75 48 50 c2 c3"), 0x2000);
        assertEquals(List.of("(unknown)", "ret"), Arrays.asList(listing.mnemonics).subList(0, listing.count));
        assertEquals(6, listing.sizes[0]);
        assertEquals(InstructionFlags.UNKNOWN, listing.flags[0]);
    }

    @Test
    void pkuInstructionsAreNamedNotSplitIntoDataAndABogusAdd() {
        // rdpkru; wrpkru; ret
        Listing listing = decode(Architecture.X86_64, Hex.direct("0f 01 ee 0f 01 ef c3"), 0x3000);
        assertEquals(List.of("rdpkru", "wrpkru", "ret"), Arrays.asList(listing.mnemonics).subList(0, listing.count));
        assertArrayEquals(new long[] {0x3000, 0x3003, 0x3006}, Arrays.copyOf(listing.addresses, 3));
        assertEquals(InstructionFlags.UNKNOWN, listing.flags[0]);
    }

    @Test
    void trailingBytesShorterThanAnArm64InstructionAreReported() {
        // ret, then three bytes: Capstone itself returns nothing for fewer than 4
        Listing listing = decode(Architecture.AARCH64, Hex.direct("c0 03 5f d6 01 02 03"), 0x4000);
        assertEquals(2, listing.count);
        assertEquals("ret", listing.mnemonics[0]);
        assertEquals(".byte", listing.mnemonics[1]);
        assertEquals("0x01, 0x02, 0x03", listing.operands[1]);
        assertEquals(0x4004, listing.addresses[1]);
        assertEquals(InstructionFlags.DATA, listing.flags[1]);
    }

    /** Random bytes, a length no instruction size divides: every byte exactly once, in order. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void randomBytesAreCoveredExactlyOnce(Architecture arch) {
        byte[] bytes = new byte[64 * 1024 + 3];
        new Random(arch.ordinal()).nextBytes(bytes);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        long base = 0x10000;
        Listing listing = decode(arch, direct, base);
        long next = base;
        for (int i = 0; i < listing.count; i++) {
            assertEquals(next, listing.addresses[i], "instruction " + i + " starts where the previous ended");
            assertTrue(listing.sizes[i] > 0);
            next += listing.sizes[i];
        }
        assertEquals(base + bytes.length, next);
        assertTrue(listing.count > bytes.length / 16, "decoding went on through the garbage");

        Listing fromHeap = decode(arch, ByteBuffer.wrap(bytes), base);
        assertEquals(listing.count, fromHeap.count, "heap and direct buffers decode alike");
        assertArrayEquals(Arrays.copyOf(listing.addresses, listing.count), Arrays.copyOf(fromHeap.addresses, fromHeap.count));
    }

    @Test
    void theBufferPositionIsHonouredAndLeftAlone() {
        ByteBuffer buffer = Hex.direct("cc cc 90 c3");
        buffer.position(2);
        Listing listing = decode(Architecture.X86_64, buffer, 0x1002);
        assertEquals(List.of("nop", "ret"), Arrays.asList(listing.mnemonics).subList(0, listing.count));
        assertEquals(2, buffer.position());
    }

    @Test
    void bytesViewShowsTheInstructionBytes() {
        StringBuilder seen = new StringBuilder();
        try (Disassembler disassembler = new Disassembler(Architecture.X86_64, false)) {
            disassembler.disassemble(Hex.heap("90 e8 01 00 00 00 06"), 0,
                    (address, size, bytes, mnemonic, operands, flags, target) ->
                            seen.append(bytes.toHex()).append(' ').append(bytes.get(size - 1)).append(';'));
            assertEquals(3, disassembler.instructionsDecoded());
            assertEquals(7, disassembler.bytesDecoded());
        }
        assertEquals("90 144;e801000000 0;06 6;", seen.toString());
    }

    static Listing decode(Architecture arch, ByteBuffer code, long address) {
        Listing listing = new Listing(true);
        try (Disassembler disassembler = new Disassembler(arch, false)) {
            disassembler.disassemble(code, address, listing);
            assertEquals(code.remaining(), disassembler.bytesDecoded());
        }
        return listing;
    }
}
