package dev.rustbin.functions;

import dev.rustbin.dwarf.SourceLocation;
import dev.rustbin.dwarf.SourceLocator;
import java.math.BigDecimal;
import java.nio.file.Path;

/** SQL functions over a binary's DWARF: source locations of code addresses. */
public final class SourceFunctions {

    private static final OpenedImages IMAGES = new OpenedImages();

    private SourceFunctions() {
    }

    /**
     * {@code addr2line(path, address)}: "file:line" of a code address of the binary at {@code path}
     * (an address in the file's own address space, as in binary_symbols), as {@code addr2line -e path}
     * prints it: the innermost location, "file:?" for line 0. NULL when no line covers the address.
     */
    public static String addr2line(String path, BigDecimal address) {
        if (path == null || address == null) {
            return null;
        }
        SourceLocation at = SourceLocator.of(IMAGES.get(Path.of(path))).lineAt(address.toBigIntegerExact().longValue());
        return at == null ? null : at.fileLine();
    }
}
