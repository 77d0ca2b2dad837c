package dev.rustbin.memory.unwind;

/**
 * The function a frame is in, by the ELF symbol that holds its lookup pc.
 *
 * @param function the demangled name (Rust names as c++filt prints them, without the legacy hash;
 *                 other names as they are), or null when no symbol holds the pc
 * @param symbol   the symbol's name as stored (mangled), or null
 * @param offset   bytes from the symbol's start to the frame's pc
 * @param module   the path of the mapped file holding the code, or null
 * @param crate    the Rust crate defining the function, or null for non-Rust and unknown code
 */
public record FrameSymbol(String function, String symbol, long offset, String module, String crate) {
}
