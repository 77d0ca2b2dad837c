package dev.rustbin.format.pe;

/** One section table entry, its name resolved (long names of the form "/4" point into the COFF string table). */
record PeSectionHeader(int number, String name, long virtualSize, long virtualAddress, long rawSize, long rawOffset,
                       int characteristics) {

    static final int IMAGE_SCN_CNT_CODE = 0x20;
    static final int IMAGE_SCN_CNT_INITIALIZED_DATA = 0x40;
    static final int IMAGE_SCN_CNT_UNINITIALIZED_DATA = 0x80;
    static final int IMAGE_SCN_MEM_EXECUTE = 0x20000000;
    static final int IMAGE_SCN_MEM_READ = 0x40000000;
    static final int IMAGE_SCN_MEM_WRITE = 0x80000000;

    /** Bytes in memory: VirtualSize, or the raw size when a linker left VirtualSize 0. */
    long memorySize() {
        return virtualSize != 0 ? virtualSize : rawSize;
    }

    /** Bytes the loader copies from the file: raw data past VirtualSize is only file alignment padding. */
    long fileSize() {
        return rawOffset == 0 ? 0 : Math.min(rawSize, memorySize());
    }

    boolean containsRva(long rva) {
        return rva >= virtualAddress && rva - virtualAddress < Math.max(memorySize(), rawSize);
    }
}
