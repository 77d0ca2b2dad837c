package dev.rustbin.memory.alloc;

/**
 * One frame of an allocation's backtrace, innermost first; the calls the compiler inlined at an
 * address come before the function that holds it, as gdb lists them.
 *
 * @param node          the trace node the backtrace ends in (its trace_id)
 * @param index         0 for the innermost frame (the caller of malloc, or the innermost call inlined there)
 * @param address       the call instruction (runtime address)
 * @param staticAddress the same in the module's own address space, or null when no module holds it
 * @param function      demangled function, or null
 * @param module        the file holding the code, or null
 * @param file          source file by DWARF, or null
 * @param line          source line (0 when the compiler gave none), or null
 * @param inlined       true for a call the compiler inlined into the next frame
 * @param allocator     true for the allocator's frames and Rust's allocation machinery, which the site skips
 */
public record BacktraceFrame(int node, int index, long address, Long staticAddress, String function, String module, String file,
                             Integer line, boolean inlined, boolean allocator) {

    /** file:line, else the function, else the address in hex. */
    public String location() {
        if (file != null && line != null && line > 0) {
            return file + ":" + line;
        }
        return function != null ? function : "0x" + Long.toHexString(address);
    }

    BacktraceFrame at(int backtrace, int position) {
        return new BacktraceFrame(backtrace, position, address, staticAddress, function, module, file, line, inlined, allocator);
    }
}
