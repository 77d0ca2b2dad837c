package dev.rustbin.format;

import java.nio.file.Path;

/**
 * A target after the attempt to open it: either an image, or the error that stopped it (only for
 * files found in a directory; see {@link BinaryTarget}).
 */
public record LoadedBinary(BinaryTarget target, BinaryImage image, String error) {

    public Path path() {
        return target.path();
    }

    public String pathText() {
        return target.pathText();
    }
}
