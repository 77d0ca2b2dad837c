package dev.rustbin.format;

import java.nio.file.Path;

/** A binary that cannot be read, with a message that names the file and the problem. */
public class BinaryFormatException extends RuntimeException {

    private final Path file;

    public BinaryFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public BinaryFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
