package dev.rustbin.format;

/**
 * A library the binary names for the loader to bring in.
 *
 * @param index position among the binary's libraries (Mach-O two-level namespace ordinals are index + 1)
 * @param kind  how it is linked: "needed" (ELF DT_NEEDED), "load", "weak", "reexport", "upward" or
 *              "lazy" (Mach-O LC_*_DYLIB), "import" (PE import directory)
 * @param weak  true when the binary still runs if the library is missing (Mach-O LC_LOAD_WEAK_DYLIB)
 */
public record LinkedLibrary(int index, String name, String kind, boolean weak) {
}
