package dev.rustbin.memory;

import java.util.List;

/**
 * The general-register block of one architecture as Linux lays it out (user_regs_struct, the
 * pr_reg of NT_PRSTATUS), with the DWARF register numbers that CFI uses. Adding an architecture
 * means adding a constant here, not touching the readers.
 */
public enum RegisterLayout {

    /** x86_64 user_regs_struct: 27 words. DWARF: 0 rax, 1 rdx, 2 rcx, 3 rbx, 4 rsi, 5 rdi, 6 rbp, 7 rsp, 8-15 r8-r15, 16 rip. */
    X86_64("x86_64",
            List.of("r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi", "rdi",
                    "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs", "gs"),
            new String[] {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
                "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip"},
            "rip", "rsp", "rbp", "fs_base");

    private final String architecture;
    private final List<String> names;
    private final int[] dwarfToIndex;
    private final int pc;
    private final int sp;
    private final int fp;
    private final int threadPointer;

    RegisterLayout(String architecture, List<String> names, String[] dwarfNames, String pc, String sp, String fp, String threadPointer) {
        this.architecture = architecture;
        this.names = names;
        this.dwarfToIndex = new int[dwarfNames.length];
        for (int i = 0; i < dwarfNames.length; i++) {
            dwarfToIndex[i] = names.indexOf(dwarfNames[i]);
        }
        this.pc = names.indexOf(pc);
        this.sp = names.indexOf(sp);
        this.fp = names.indexOf(fp);
        this.threadPointer = names.indexOf(threadPointer);
    }

    public String architecture() {
        return architecture;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public int pcIndex() {
        return pc;
    }

    public int spIndex() {
        return sp;
    }

    public int fpIndex() {
        return fp;
    }

    /** The register that holds the thread pointer (x86_64: fs_base), where a thread's static TLS and descriptor are. */
    public int threadPointerIndex() {
        return threadPointer;
    }

    /** Number of DWARF registers CFI may name (the last is the return-address column). */
    public int dwarfRegisters() {
        return dwarfToIndex.length;
    }

    public int indexOfDwarf(int number) {
        if (number < 0 || number >= dwarfToIndex.length) {
            throw new IllegalArgumentException(architecture + " has no DWARF register " + number);
        }
        return dwarfToIndex[number];
    }

    public int indexOf(String name) {
        return names.indexOf(name);
    }
}
