package dev.rustbin.format.elf;

/** One raw ELF section header, widened to 64-bit fields whatever the file's class. */
record ElfSectionHeader(
        int index,
        long nameOffset,
        int type,
        long flags,
        long address,
        long offset,
        long size,
        int link,
        int info,
        long alignment,
        long entrySize) {

    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHT_NOTE = 7;
    static final int SHT_NOBITS = 8;
    static final int SHT_DYNSYM = 11;
    static final int SHT_SYMTAB_SHNDX = 18;

    static final long SHF_WRITE = 1;
    static final long SHF_ALLOC = 2;
    static final long SHF_EXECINSTR = 4;

    boolean hasFileBytes() {
        return type != SHT_NOBITS && type != 0;
    }
}
