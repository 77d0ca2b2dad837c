package dev.rustbin.memory.unwind;

/**
 * The result of unwinding one frame: its CFA, and its caller's registers (null when the frame is
 * the outermost one: CFI says the return address is undefined, as on _start and clone's child).
 *
 * @param callerExactPc true when the caller's pc is an interrupted instruction, not a return address
 */
record Unwound(long cfa, RegisterFile caller, boolean callerExactPc, UnwindMethod method) {
}
