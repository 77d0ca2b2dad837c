package dev.rustbin.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lengths checked against objdump -D -b binary -m i386:x86-64 on the same bytes. */
class X86VectorLengthTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "c5f877, 3, vzeroupper: no ModRM",
        "c5f96f0424, 5, vmovdqa xmm0 [rsp]: SIB",
        "c4e27ddcc1, 5, vaesenc ymm0 ymm0 ymm1: register operands",
        "c4e27ddc8c2400010000, 10, vaesenc ymm1 ymm0 [rsp+0x100]: SIB and disp32",
        "c4e37d44c100, 6, vpclmulqdq ymm: map 0F3A has an imm8",
        "62f1fd486f0500000000, 10, vmovdqa64 zmm0 [rip]: EVEX rip-relative disp32",
        "62f17d4870c11b, 7, vpshufd zmm0 zmm1 0x1b: map 0F opcode 70 has an imm8",
        "62117f487f541a01, 8, vmovdqu8 [r10+r11+0x40] zmm10: SIB and disp8",
        "67c5f96f00, 5, vmovdqa xmm0 [eax]: address-size prefix",
        "c4e27d, 0, cut off",
        "62f1f9486f05, 0, EVEX whose fixed bit is clear",
        "c4e27fdcc1c1, 5, trailing bytes are not part of it",
        "90, 0, nop is not vector-encoded",
    })
    void mode64(String hex, int length, String what) {
        assertEquals(length, X86VectorLength.length(Hex.heap(hex), true), what);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "c5f877, 3, vzeroupper",
        "c4000000, 0, les eax [eax]: ModRM.mod is not 11",
        "62000000, 0, bound eax [eax]",
        "67c5f96f060000, 7, vmovdqa xmm0 [0x0]: 16-bit addressing takes a disp16",
    })
    void mode32(String hex, int length, String what) {
        assertEquals(length, X86VectorLength.length(Hex.heap(hex), false), what);
    }
}
