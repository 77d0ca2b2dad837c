package dev.rustbin.format;

/**
 * One section of a binary, in format-neutral terms.
 *
 * @param index        position in the format's section table (ELF: section header index)
 * @param name         ".text", "__TEXT,__text", ...
 * @param segmentName  the segment that owns the section where the format names one (Mach-O), else null
 * @param type         the format's own type name ("PROGBITS", "NOBITS", ...)
 * @param size         bytes the section occupies in memory (in the file, for sections not loaded)
 * @param fileSize     bytes of the section stored in the file: 0 for ELF NOBITS and Mach-O zerofill
 *                     sections, less than {@code size} for PE sections whose raw data is shorter
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
        long fileSize,
        Permissions permissions) {
}
