package dev.rustbin.format;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A target after the attempt to open it: either an image, or the error that stopped it (only for
 * files found in a directory; see {@link BinaryTarget}).
 *
 * @param onFailure told when reading the image fails after it was opened, so the catalog treats the
 *                  file as unreadable from then on
 */
public record LoadedBinary(BinaryTarget target, BinaryImage image, String error, Consumer<BinaryFormatException> onFailure) {

    public LoadedBinary(BinaryTarget target, BinaryImage image, String error) {
        this(target, image, error, failure -> { });
    }

    public Path path() {
        return target.path();
    }

    public String pathText() {
        return target.pathText();
    }

    /** This file as unreadable because of {@code failure}, which the catalog remembers. */
    public LoadedBinary failed(BinaryFormatException failure) {
        onFailure.accept(failure);
        return new LoadedBinary(target, null, failure.getMessage(), onFailure);
    }
}
