package dev.rustbin.format;

/**
 * One loadable or informational segment (ELF program header, Mach-O segment command, PE image region).
 *
 * @param type the format's own type name ("LOAD", "GNU_STACK", ...)
 * @param name the segment name where the format has one (Mach-O "__TEXT"), else null
 */
public record Segment(
        int index,
        String type,
        String name,
        long virtualAddress,
        long physicalAddress,
        long memorySize,
        long fileOffset,
        long fileSize,
        long alignment,
        Permissions permissions) {
}
