package dev.rustbin.dwarf;

/**
 * One frame of the source location chain of a code address, as {@code addr2line -i -f} prints it.
 *
 * @param function    DW_AT_name of the function (of its abstract origin for an inlined call), or null
 * @param linkageName the mangled name (DW_AT_linkage_name), or null (C functions have none)
 * @param file        full path of the source file, or null when the line table names none
 * @param line        1-based line, 0 when the compiler gave none
 * @param column      1-based column, 0 when unknown
 * @param inlined     whether this frame is a call the compiler inlined into the next frame
 */
public record SourceLocation(String function, String linkageName, String file, long line, long column, boolean inlined) {

    /** "file:line", as addr2line prints it ("file:?" when the compiler gave line 0, "??:0" when no file is known). */
    public String fileLine() {
        return file == null ? "??:0" : file + ":" + (line == 0 ? "?" : Long.toString(line));
    }
}
