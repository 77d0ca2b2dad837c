package dev.rustbin.memory;

/**
 * One line of a process map (/proc/PID/maps, or a core's NT_FILE note plus its segments): the
 * address range, permissions as maps prints them ("r-xp"), the file offset and the mapped file or
 * pseudo-name ("[heap]", "[stack]", "[vdso]"; empty for anonymous memory).
 */
public record MemoryMapping(long start, long end, String permissions, long fileOffset, String name) {

    public long size() {
        return end - start;
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }

    public boolean readable() {
        return permissions.charAt(0) == 'r';
    }

    public boolean writable() {
        return permissions.charAt(1) == 'w';
    }

    public boolean executable() {
        return permissions.charAt(2) == 'x';
    }

    /** True for mappings of a file on disk (not anonymous memory or a kernel pseudo-mapping). */
    public boolean isFile() {
        return name.startsWith("/");
    }
}
