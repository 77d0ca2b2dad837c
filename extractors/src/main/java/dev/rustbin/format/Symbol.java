package dev.rustbin.format;

/**
 * One symbol table entry.
 *
 * @param type        "function", "variable", "section", "file", "tls", "ifunc", "common" or "notype"
 * @param sectionName name of the defining section; null when undefined, "*ABS*" for absolute symbols,
 *                    "*COM*" for common symbols
 * @param binding     "local", "global", "weak" or "unique"
 * @param visibility  "default", "internal", "hidden" or "protected"
 * @param dynamic     true for entries of the dynamic symbol table (ELF .dynsym)
 * @param defined     false for references to symbols another object defines
 */
public record Symbol(
        String name,
        String type,
        long address,
        long size,
        String sectionName,
        String binding,
        String visibility,
        boolean dynamic,
        boolean defined) {
}
