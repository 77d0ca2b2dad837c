package dev.rustbin.dwarf;

/** DW_LANG_* codes as names (DWARF 5, table 7.17, and the vendor codes compilers emit). */
final class DwarfLanguages {

    private DwarfLanguages() {
    }

    static String name(int code) {
        return switch (code) {
            case -1 -> null;
            case 0x01 -> "C89";
            case 0x02 -> "C";
            case 0x03 -> "Ada83";
            case 0x04 -> "C_plus_plus";
            case 0x07 -> "Fortran77";
            case 0x08 -> "Fortran90";
            case 0x0c -> "C99";
            case 0x0d -> "Ada95";
            case 0x0e -> "Fortran95";
            case 0x10 -> "ObjC";
            case 0x11 -> "ObjC_plus_plus";
            case 0x16 -> "Go";
            case 0x1a -> "C_plus_plus_11";
            case 0x1c -> "Rust";
            case 0x1d -> "C11";
            case 0x1e -> "Swift";
            case 0x21 -> "C_plus_plus_14";
            case 0x22 -> "Fortran03";
            case 0x23 -> "Fortran08";
            case 0x29 -> "Zig";
            case 0x2b -> "C_plus_plus_17";
            case 0x2c -> "C_plus_plus_20";
            case 0x2d -> "C17";
            case 0x8001 -> "Mips_Assembler";
            default -> String.format("0x%x", code);
        };
    }
}
