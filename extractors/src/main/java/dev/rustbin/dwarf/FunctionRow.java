package dev.rustbin.dwarf;

/**
 * A function with code, or one call the compiler inlined, as the DWARF describes it.
 *
 * @param name        DW_AT_name (of the abstract origin or declaration when the entry has none)
 * @param linkageName DW_AT_linkage_name, the symbol name (null for C functions, whose name is their symbol)
 * @param lowPc       lowest address of its code
 * @param highPc      one past the highest address of its code
 * @param size        bytes of code its ranges cover
 * @param declFile    full path of the file that declares the function, or null
 * @param inlinedInto for an inlined call, the function it was inlined into (its linkage name, else name)
 * @param callFile    for an inlined call, the file of the call site
 * @param entryOffset the .debug_info offset of the entry
 */
public record FunctionRow(String name, String linkageName, long lowPc, long highPc, long size, int rangeCount,
                          String declFile, long declLine, boolean inlined, String inlinedInto, String callFile,
                          long callLine, long callColumn, String compileUnit, long entryOffset) {
}
