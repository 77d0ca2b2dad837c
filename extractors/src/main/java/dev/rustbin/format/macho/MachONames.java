package dev.rustbin.format.macho;

/** Mach-O numeric codes to names: rustbin's architecture words, lipo's slice names, section types. */
final class MachONames {

    private static final int CPU_ARCH_ABI64 = 0x01000000;
    private static final int CPU_TYPE_X86 = 7;
    private static final int CPU_TYPE_ARM = 12;
    private static final int CPU_TYPE_POWERPC = 18;
    private static final int CPU_SUBTYPE_MASK = 0x00ffffff;

    /** S_* section types, indexed by (flags & 0xff), in the lower-case form of their constant names. */
    private static final String[] SECTION_TYPES = {
        "regular", "zerofill", "cstring_literals", "4byte_literals", "8byte_literals", "literal_pointers",
        "non_lazy_symbol_pointers", "lazy_symbol_pointers", "symbol_stubs", "mod_init_func_pointers",
        "mod_term_func_pointers", "coalesced", "gb_zerofill", "interposing", "16byte_literals", "dtrace_dof",
        "lazy_dylib_symbol_pointers", "thread_local_regular", "thread_local_zerofill", "thread_local_variables",
        "thread_local_variable_pointers", "thread_local_init_function_pointers", "init_func_offsets"};

    private static final String[] FILE_TYPES = {
        null, "relocatable", "executable", "fixed-vm-library", "core", "preload", "shared-object",
        "dynamic-linker", "bundle", "shared-object-stub", "dsym", "kext-bundle", "fileset"};

    private MachONames() {
    }

    /** The same words ELF files use for the same processors (arm64 is "aarch64"). */
    static String architecture(int cpuType) {
        return switch (cpuType) {
            case CPU_TYPE_X86 -> "x86";
            case CPU_TYPE_X86 | CPU_ARCH_ABI64 -> "x86_64";
            case CPU_TYPE_ARM -> "arm";
            case CPU_TYPE_ARM | CPU_ARCH_ABI64 -> "aarch64";
            case CPU_TYPE_ARM | 0x02000000 -> "arm64_32";
            case CPU_TYPE_POWERPC -> "powerpc";
            case CPU_TYPE_POWERPC | CPU_ARCH_ABI64 -> "powerpc64";
            default -> "macho-cpu-" + cpuType;
        };
    }

    /** The architecture name lipo and the Apple tools give a slice: arm64, arm64e, x86_64, x86_64h, i386. */
    static String sliceName(int cpuType, int cpuSubtype) {
        int subtype = cpuSubtype & CPU_SUBTYPE_MASK;
        return switch (cpuType) {
            case CPU_TYPE_X86 -> "i386";
            case CPU_TYPE_X86 | CPU_ARCH_ABI64 -> subtype == 8 ? "x86_64h" : "x86_64";
            case CPU_TYPE_ARM | CPU_ARCH_ABI64 -> subtype == 2 ? "arm64e" : "arm64";
            case CPU_TYPE_ARM -> subtype == 9 ? "armv7" : subtype == 11 ? "armv7s" : "arm";
            case CPU_TYPE_POWERPC -> "ppc";
            case CPU_TYPE_POWERPC | CPU_ARCH_ABI64 -> "ppc64";
            default -> architecture(cpuType);
        };
    }

    static String fileType(int type) {
        String name = type > 0 && type < FILE_TYPES.length ? FILE_TYPES[type] : null;
        return name != null ? name : "macho-type-" + type;
    }

    static String sectionType(int flags) {
        int type = flags & 0xff;
        return type < SECTION_TYPES.length ? SECTION_TYPES[type] : "type-" + type;
    }
}
