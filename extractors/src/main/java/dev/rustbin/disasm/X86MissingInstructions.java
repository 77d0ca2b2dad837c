package dev.rustbin.disasm;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * x86 instructions Capstone 4 cannot decode, which SKIPDATA steps over whole
 * ({@link X86SkipData}): their length, and for those that current Rust binaries and glibc contain,
 * their name. Capstone 4 predates PKU's {@code rdpkru}/{@code wrpkru} and much of AVX-512, VAES,
 * VPCLMULQDQ and AVX-IFMA; it decoded {@code rdpkru} as {@code .byte 0x0f} plus a bogus {@code add}.
 *
 * <p>Names follow objdump, which folds an immediate predicate into the mnemonic
 * ({@code vpcmpneqb}, {@code vpclmulhqlqdq}): the operands of these rows are only their bytes, so
 * the mnemonic is the one place that can say it.
 */
final class X86MissingInstructions {

    /** rdpkru and wrpkru: 0F 01 EE and 0F 01 EF, without ModRM. */
    private static final int PKU_LENGTH = 3;

    /** objdump's predicate names for the low three bits of vpcmp's immediate. */
    private static final String[] PREDICATES = {"eq", "lt", "le", "false", "neq", "nlt", "nle", "true"};

    /**
     * Encoding (V: VEX, E: EVEX, VE: either), map (1: 0F, 2: 0F38, 3: 0F3A), mandatory prefix,
     * opcode with its ModRM.reg where that selects the instruction, then the name for W0 and for W1
     * (one name: W does not matter). {} stands for the immediate's predicate.
     */
    private static final String[] TABLE = {
        "V 1 NP 90 kmovw kmovq", "V 1 F2 92 kmovd kmovq", "V 1 F2 93 kmovd kmovq",
        "V 1 NP 45 korw korq", "V 1 66 45 korb kord", "V 1 NP 46 kxnorw kxnorq",
        "V 1 NP 4b kunpckwd kunpckdq", "V 1 NP 98 kortestw kortestq", "V 1 66 98 kortestb kortestd",
        "V 1 NP 99 ktestw ktestq", "V 1 66 99 ktestb ktestd",
        "E 1 66 72/0 vprord vprorq", "E 1 66 72/1 vprold vprolq", "E 1 66 72/4 vpsrad vpsraq",
        "E 1 66 73/2 vpsrlq", "E 1 66 73/3 vpsrldq", "E 1 66 73/6 vpsllq", "E 1 66 73/7 vpslldq",
        "E 1 66 62 vpunpckldq", "E 1 66 6a vpunpckhdq", "E 1 66 6c vpunpcklqdq", "E 1 66 6d vpunpckhqdq",
        "E 1 66 74 vpcmpeqb", "E 1 NP c6 vshufps", "E 1 F2 7f vmovdqu8 vmovdqu16",
        "E 2 66 00 vpshufb", "E 2 66 1a vbroadcastf32x4 vbroadcastf64x2", "E 2 66 58 vpbroadcastd",
        "E 2 66 5a vbroadcasti32x4 vbroadcasti64x2", "E 2 66 78 vpbroadcastb",
        "E 2 66 26 vptestmb vptestmw", "E 2 66 27 vptestmd vptestmq",
        "E 2 F3 26 vptestnmb vptestnmw", "E 2 F3 27 vptestnmd vptestnmq",
        "V 2 66 5a vbroadcasti128",
        "VE 2 66 dc vaesenc", "VE 2 66 dd vaesenclast", "VE 2 66 de vaesdec", "VE 2 66 df vaesdeclast",
        "VE 2 66 b4 vpmadd52luq", "VE 2 66 b5 vpmadd52huq",
        "E 3 66 03 valignd valignq", "E 3 66 1e vpcmp{}ud vpcmp{}uq", "E 3 66 1f vpcmp{}d vpcmp{}q",
        "E 3 66 3e vpcmp{}ub vpcmp{}uw", "E 3 66 3f vpcmp{}b vpcmp{}w", "E 3 66 25 vpternlogd vpternlogq",
        "E 3 66 38 vinserti32x4 vinserti64x2", "E 3 66 39 vextracti32x4 vextracti64x2",
        "E 3 66 43 vshufi32x4 vshufi64x2", "E 3 66 73 vpshrdd vpshrdq",
        "VE 3 66 44 vpclmulqdq",
    };

    /** The ModRM.reg of a {@link #TABLE} row that does not depend on it. */
    private static final int ANY_REG = 8;

    /** Names by {@link #key}; W0 and W1 are keys of their own. */
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        for (String row : TABLE) {
            String[] f = row.split(" ");
            int map = Integer.parseInt(f[1]);
            int prefix = switch (f[2]) {
                case "NP" -> 0;
                case "66" -> 1;
                case "F3" -> 2;
                default -> 3;
            };
            String[] opcode = f[3].split("/");
            int reg = opcode.length > 1 ? Integer.parseInt(opcode[1]) : ANY_REG;
            for (char encoding : f[0].toCharArray()) {
                for (int w = 0; w < 2; w++) {
                    NAMES.put(key(encoding == 'E', map, prefix, w, Integer.parseInt(opcode[0], 16), reg), f[f.length > 5 ? 4 + w : 4]);
                }
            }
        }
    }

    private X86MissingInstructions() {
    }

    /** The length of an instruction Capstone 4 cannot decode at index 0 of {@code code}, or 0 if we know none. */
    static int length(ByteBuffer code, boolean mode64) {
        return isPku(code) ? PKU_LENGTH : X86VectorLength.length(code, mode64);
    }

    /** The name of the {@code size}-byte instruction at index 0 of {@code code}, or null. */
    static String name(ByteBuffer code, int size) {
        if (size == PKU_LENGTH && isPku(code)) {
            return (code.get(2) & 0xff) == 0xee ? "rdpkru" : "wrpkru";
        }
        int i = 0;
        while (i < size && X86VectorLength.isSegmentOrAddressSize(code.get(i) & 0xff)) {
            i++;
        }
        if (i + 2 >= size) {
            return null;
        }
        int lead = code.get(i) & 0xff;
        int p1 = code.get(i + 1) & 0xff;
        int p2 = code.get(i + 2) & 0xff;
        int map;
        int prefix;
        int w;
        int opcodeAt;
        switch (lead) {
            case 0xc5 -> {
                map = 1;
                prefix = p1 & 3;
                w = 0;
                opcodeAt = i + 2;
            }
            case 0xc4 -> {
                map = p1 & 0x1f;
                prefix = p2 & 3;
                w = p2 >>> 7;
                opcodeAt = i + 3;
            }
            case 0x62 -> {
                map = p1 & 7;
                prefix = p2 & 3;
                w = p2 >>> 7;
                opcodeAt = i + 4;
            }
            default -> {
                return null;
            }
        }
        if (opcodeAt + 1 >= size) {
            return null;
        }
        int opcode = code.get(opcodeAt) & 0xff;
        int reg = (code.get(opcodeAt + 1) >>> 3) & 7;
        boolean evex = lead == 0x62;
        String name = NAMES.get(key(evex, map, prefix, w, opcode, reg));
        if (name == null) {
            name = NAMES.get(key(evex, map, prefix, w, opcode, ANY_REG));
        }
        return name == null ? null : spellImmediate(name, code.get(size - 1) & 0xff);
    }

    /** objdump's spelling of the immediate predicate and of pclmulqdq's halves. */
    private static String spellImmediate(String name, int imm) {
        if (name.contains("{}")) {
            return name.replace("{}", PREDICATES[imm & 7]);
        }
        if (name.equals("vpclmulqdq") && (imm & 0xee) == 0) {
            return "vpclmul" + ((imm & 1) == 0 ? "lq" : "hq") + ((imm & 0x10) == 0 ? "lq" : "hq") + "dq";
        }
        return name;
    }

    private static int key(boolean evex, int map, int prefix, int w, int opcode, int reg) {
        return (evex ? 1 << 20 : 0) | map << 16 | prefix << 14 | w << 13 | opcode << 4 | reg;
    }

    private static boolean isPku(ByteBuffer code) {
        return code.limit() >= PKU_LENGTH && (code.get(0) & 0xff) == 0x0f && (code.get(1) & 0xff) == 0x01
                && ((code.get(2) & 0xff) == 0xee || (code.get(2) & 0xff) == 0xef);
    }
}
