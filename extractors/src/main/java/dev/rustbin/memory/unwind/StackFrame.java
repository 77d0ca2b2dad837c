package dev.rustbin.memory.unwind;

/**
 * One physical frame of a thread's stack, innermost first. The frame's bytes are
 * {@code [sp, cfa)}: from its stack pointer to its canonical frame address (the caller's stack
 * pointer before the call). When the frame's extent cannot be computed (the outermost frame of a
 * broken stack) {@code cfa} equals {@code sp}.
 *
 * @param index     0 for the innermost frame
 * @param pc        the register value: the exact instruction for frame 0 and for a frame a signal
 *                  interrupted, the return address for the others (as gdb reports it)
 * @param module    the path of the mapped file that holds the code, or null (vdso, anonymous code)
 * @param staticPc  {@code pc} in the module's own address space (as in binary_symbols and
 *                  instructions); equal to {@code pc} when no module holds it
 * @param exactPc   true when {@code pc} is the instruction itself rather than a return address (frame 0,
 *                  a signal trampoline, a frame a signal interrupted)
 */
public record StackFrame(int index, long pc, long sp, long cfa, String module, long staticPc,
                         UnwindMethod method, boolean exactPc) {

    /**
     * The address to look the frame's function up with: a return address can be the first byte of
     * the next function (after a call that never returns), so callers use the byte before it, as gdb does.
     */
    public long lookupPc() {
        return exactPc ? pc : pc - 1;
    }

    /** Bytes of the frame on the stack. */
    public long size() {
        return cfa - sp;
    }
}
