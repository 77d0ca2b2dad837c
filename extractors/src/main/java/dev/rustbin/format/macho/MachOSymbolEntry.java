package dev.rustbin.format.macho;

/** One raw nlist(_64) entry of LC_SYMTAB. */
record MachOSymbolEntry(String name, int type, int section, int description, long value) {

    private static final int N_STAB = 0xe0;
    private static final int N_PEXT = 0x10;
    private static final int N_TYPE = 0x0e;
    private static final int N_EXT = 0x01;
    static final int N_UNDF = 0x0;
    static final int N_ABS = 0x2;
    static final int N_PBUD = 0xc;
    static final int N_SECT = 0xe;
    private static final int N_WEAK_REF = 0x40;
    private static final int N_WEAK_DEF = 0x80;

    /** A STABS debugging entry (the debug map of object files and source names), not a real symbol. */
    boolean isDebug() {
        return (type & N_STAB) != 0;
    }

    int kind() {
        return type & N_TYPE;
    }

    boolean isExternal() {
        return (type & N_EXT) != 0;
    }

    boolean isPrivateExternal() {
        return (type & N_PEXT) != 0;
    }

    /** A weak definition (N_WEAK_DEF) or a weak reference that may stay unresolved (N_WEAK_REF). */
    boolean isWeak() {
        return (description & (kind() == N_UNDF ? N_WEAK_REF : N_WEAK_DEF)) != 0;
    }

    /** An undefined external reference; an undefined entry with a value is a common symbol instead. */
    boolean isImport() {
        return !isDebug() && kind() == N_UNDF && isExternal() && value == 0;
    }

    /** A definition other images can bind to. */
    boolean isExport() {
        return !isDebug() && isExternal() && !isPrivateExternal() && (kind() == N_SECT || kind() == N_ABS);
    }

    /** The two-level namespace library ordinal of an import: 1-based index into the dylib commands. */
    int libraryOrdinal() {
        return (description >>> 8) & 0xff;
    }
}
