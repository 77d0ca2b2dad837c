package dev.rustbin.format;

/**
 * One section of a binary, in format-neutral terms.
 *
 * @param index        position in the format's section table (ELF: section header index)
 * @param name         ".text", "__TEXT,__text", ...
 * @param segmentName  the segment that owns the section where the format names one (Mach-O), else null
 * @param type         the format's own type name ("PROGBITS", "NOBITS", ...)
 * @param hasFileBytes false for sections that occupy no file bytes (ELF NOBITS such as .bss)
 */
public record Section(
        int index,
        String name,
        String segmentName,
        String type,
        long address,
        long size,
        long fileOffset,
        long alignment,
        long entrySize,
        long flags,
        boolean hasFileBytes,
        Permissions permissions) {
}
