package dev.rustbin.memory.alloc;

import dev.rustbin.memory.ProcessModules;

/** The source line of a code address of a module, from its debug information; null when it has none. */
@FunctionalInterface
public interface SourceLines {

    /** Until rustbin reads DWARF line tables, sites name functions. */
    SourceLines FROM_DEBUG_INFO = (module, staticAddress) -> null;

    SourceLine at(ProcessModules.Module module, long staticAddress);

    /** A file (as the compiler recorded it) and line. */
    record SourceLine(String file, int line) {
    }
}
