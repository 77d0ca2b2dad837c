package dev.rustbin.format;

import java.nio.file.Path;

/**
 * One binary to query.
 *
 * @param slice         the architecture slice of a universal (fat) Mach-O file ("arm64"), else null
 * @param fromDirectory true when it was found by listing a directory: such a file failing to parse is
 *                      reported in binary_files instead of failing the query, so one bad file does not
 *                      hide the good ones; a file the user named fails loudly.
 */
public record BinaryTarget(Path path, String slice, boolean fromDirectory) {

    public BinaryTarget(Path path, boolean fromDirectory) {
        this(path, null, fromDirectory);
    }

    /** The text of the path column: the file path, and "#slice" for one slice of a universal file. */
    public String pathText() {
        return slice == null ? path.toString() : path + "#" + slice;
    }
}
