package dev.rustbin.memory.alloc;

/**
 * One frame of an allocation's backtrace, innermost first.
 *
 * @param node          the trace node the backtrace ends in (its trace_id)
 * @param index         0 for the innermost frame (the caller of malloc)
 * @param address       the call instruction (runtime address)
 * @param staticAddress the same in the module's own address space, or null when no module holds it
 * @param function      demangled function, or null
 * @param module        the file holding the code, or null
 * @param file          source file, when the module has line information
 * @param line          source line, or null
 * @param allocator     true for the allocator's frames and Rust's allocation machinery, which the site skips
 */
public record BacktraceFrame(int node, int index, long address, Long staticAddress, String function, String module, String file,
                             Integer line, boolean allocator) {

    /** file:line, else the function, else the address in hex. */
    public String location() {
        if (file != null && line != null) {
            return file + ":" + line;
        }
        return function != null ? function : "0x" + Long.toHexString(address);
    }
}
