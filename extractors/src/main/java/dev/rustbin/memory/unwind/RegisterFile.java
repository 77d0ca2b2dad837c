package dev.rustbin.memory.unwind;

import dev.rustbin.memory.ThreadState;

/** The registers of one frame by DWARF number, each known or not (a caller's register CFI left undefined). */
final class RegisterFile {

    private final long[] values;
    private final boolean[] known;

    RegisterFile(int count) {
        values = new long[count];
        known = new boolean[count];
    }

    private RegisterFile(RegisterFile other) {
        values = other.values.clone();
        known = other.known.clone();
    }

    /** The registers a thread was stopped with: all known. */
    static RegisterFile of(ThreadState thread) {
        RegisterFile file = new RegisterFile(thread.layout().dwarfRegisters());
        for (int r = 0; r < file.values.length; r++) {
            file.set(r, thread.dwarfRegister(r));
        }
        return file;
    }

    RegisterFile copy() {
        return new RegisterFile(this);
    }

    int count() {
        return values.length;
    }

    boolean isKnown(long register) {
        return register >= 0 && register < values.length && known[(int) register];
    }

    /** The value of a register, which must be known. */
    long get(long register) {
        if (!isKnown(register)) {
            throw new CfiFormatException("register " + register + " is not known in this frame");
        }
        return values[(int) register];
    }

    void set(int register, long value) {
        values[register] = value;
        known[register] = true;
    }

    void forget(int register) {
        known[register] = false;
    }
}
