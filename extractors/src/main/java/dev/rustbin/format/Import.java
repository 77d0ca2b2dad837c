package dev.rustbin.format;

/**
 * A symbol the binary expects another binary to define.
 *
 * @param name    symbol name; null for PE imports by ordinal
 * @param library the library expected to define it, where the format records one (ELF: from the
 *                symbol's version requirement, else null)
 * @param ordinal PE import by ordinal, else null
 * @param hint    PE import name-table hint, else null
 * @param version ELF symbol version (GLIBC_2.2.5), else null
 * @param weak    true when a missing definition is not an error (ELF STB_WEAK, Mach-O N_WEAK_REF)
 */
public record Import(String name, String library, Integer ordinal, Integer hint, String version, boolean weak) {
}
