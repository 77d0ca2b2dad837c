package dev.rustbin.memory;

/**
 * One thread at a snapshot: its kernel thread id, name (comm) when known, and general registers
 * in the architecture's own order ({@link RegisterLayout} says which index is the program counter,
 * the stack pointer and the frame pointer), as ptrace's GETREGS and a core's NT_PRSTATUS give them.
 */
public record ThreadState(long tid, String name, RegisterLayout layout, long[] registers) {

    public long pc() {
        return registers[layout.pcIndex()];
    }

    public long sp() {
        return registers[layout.spIndex()];
    }

    public long fp() {
        return registers[layout.fpIndex()];
    }

    public long threadPointer() {
        return registers[layout.threadPointerIndex()];
    }

    /** The register with the given DWARF number, for CFI unwinding. */
    public long dwarfRegister(int number) {
        return registers[layout.indexOfDwarf(number)];
    }
}
