package dev.rustbin.format.macho;

/** One load command: its type (LC_*), where it starts in the file, and its size including the 8-byte prefix. */
record MachOLoadCommand(int type, int offset, int size) {

    static final int LC_SEGMENT = 0x1;
    static final int LC_SYMTAB = 0x2;
    static final int LC_LOAD_DYLIB = 0xc;
    static final int LC_LOAD_DYLINKER = 0xe;
    static final int LC_SEGMENT_64 = 0x19;
    static final int LC_UUID = 0x1b;
    static final int LC_LAZY_LOAD_DYLIB = 0x20;
    static final int LC_DYLD_INFO = 0x22;
    static final int LC_FUNCTION_STARTS = 0x26;
    static final int LC_DYLD_INFO_ONLY = 0x80000022;
    static final int LC_DYLD_EXPORTS_TRIE = 0x80000033;
    static final int LC_LOAD_WEAK_DYLIB = 0x80000018;
    static final int LC_REEXPORT_DYLIB = 0x8000001f;
    static final int LC_LOAD_UPWARD_DYLIB = 0x80000023;
    static final int LC_MAIN = 0x80000028;

    int end() {
        return offset + size;
    }
}
