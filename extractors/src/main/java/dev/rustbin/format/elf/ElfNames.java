package dev.rustbin.format.elf;

import java.util.Map;

/** ELF numeric codes to the names readelf prints, so users can filter with the words they know. */
final class ElfNames {

    private ElfNames() {
    }

    private static final Map<Integer, String> SECTION_TYPES = Map.ofEntries(
            Map.entry(0, "NULL"), Map.entry(1, "PROGBITS"), Map.entry(2, "SYMTAB"), Map.entry(3, "STRTAB"),
            Map.entry(4, "RELA"), Map.entry(5, "HASH"), Map.entry(6, "DYNAMIC"), Map.entry(7, "NOTE"),
            Map.entry(8, "NOBITS"), Map.entry(9, "REL"), Map.entry(10, "SHLIB"), Map.entry(11, "DYNSYM"),
            Map.entry(14, "INIT_ARRAY"), Map.entry(15, "FINI_ARRAY"), Map.entry(16, "PREINIT_ARRAY"),
            Map.entry(17, "GROUP"), Map.entry(18, "SYMTAB_SHNDX"), Map.entry(19, "RELR"),
            Map.entry(0x6fff4c03, "LLVM_ADDRSIG"), Map.entry(0x6ffffff5, "GNU_ATTRIBUTES"),
            Map.entry(0x6ffffff6, "GNU_HASH"), Map.entry(0x6ffffff7, "GNU_LIBLIST"),
            Map.entry(0x6ffffffd, "VERDEF"), Map.entry(0x6ffffffe, "VERNEED"), Map.entry(0x6fffffff, "VERSYM"),
            Map.entry(0x70000001, "X86_64_UNWIND"));

    private static final Map<Integer, String> SEGMENT_TYPES = Map.ofEntries(
            Map.entry(0, "NULL"), Map.entry(1, "LOAD"), Map.entry(2, "DYNAMIC"), Map.entry(3, "INTERP"),
            Map.entry(4, "NOTE"), Map.entry(5, "SHLIB"), Map.entry(6, "PHDR"), Map.entry(7, "TLS"),
            Map.entry(0x6474e550, "GNU_EH_FRAME"), Map.entry(0x6474e551, "GNU_STACK"),
            Map.entry(0x6474e552, "GNU_RELRO"), Map.entry(0x6474e553, "GNU_PROPERTY"),
            Map.entry(0x6474e554, "GNU_SFRAME"), Map.entry(0x70000001, "ARM_EXIDX"));

    private static final Map<Integer, String> MACHINES = Map.ofEntries(
            Map.entry(3, "x86"), Map.entry(8, "mips"), Map.entry(20, "powerpc"), Map.entry(21, "powerpc64"),
            Map.entry(22, "s390x"), Map.entry(40, "arm"), Map.entry(62, "x86_64"), Map.entry(183, "aarch64"),
            Map.entry(243, "riscv"), Map.entry(247, "bpf"), Map.entry(258, "loongarch"));

    private static final String[] SYMBOL_TYPES = {
        "notype", "variable", "function", "section", "file", "common", "tls", null, null, null, "ifunc"};

    private static final String[] BINDINGS = {"local", "global", "weak"};

    private static final String[] VISIBILITIES = {"default", "internal", "hidden", "protected"};

    static String sectionType(int type) {
        return SECTION_TYPES.getOrDefault(type, String.format("0x%08x", type));
    }

    static String segmentType(int type) {
        return SEGMENT_TYPES.getOrDefault(type, String.format("0x%08x", type));
    }

    static String machine(int machine) {
        return MACHINES.getOrDefault(machine, "elf-machine-" + machine);
    }

    static String symbolType(int type) {
        String name = type < SYMBOL_TYPES.length ? SYMBOL_TYPES[type] : null;
        return name != null ? name : "type-" + type;
    }

    static String binding(int binding) {
        if (binding < BINDINGS.length) {
            return BINDINGS[binding];
        }
        return binding == 10 ? "unique" : "binding-" + binding;
    }

    static String visibility(int other) {
        return VISIBILITIES[other & 3];
    }

    /**
     * A position-independent executable is ET_DYN with DF_1_PIE, as readelf and file decide: an
     * interpreter and an entry point alone do not make one (glibc's libc.so.6 has both).
     */
    static String fileType(int type, boolean positionIndependentExecutable) {
        return switch (type) {
            case 1 -> "relocatable";
            case 2 -> "executable";
            case 3 -> positionIndependentExecutable ? "pie-executable" : "shared-object";
            case 4 -> "core";
            default -> "elf-type-" + type;
        };
    }
}
