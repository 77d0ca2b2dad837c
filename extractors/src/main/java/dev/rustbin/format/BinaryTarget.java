package dev.rustbin.format;

import java.nio.file.Path;

/**
 * One binary to query.
 *
 * @param fromDirectory true when it was found by listing a directory: such a file failing to parse is
 *                      reported in binary_files instead of failing the query, so one bad file does not
 *                      hide the good ones; a file the user named fails loudly.
 */
public record BinaryTarget(Path path, boolean fromDirectory) {
}
