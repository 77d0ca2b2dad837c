package dev.rustbin.format;

import java.nio.file.Path;

/**
 * A binary that cannot be read, with a message that names the file and the problem. Names read
 * from a corrupt file can hold anything: the message escapes what a terminal would not print as
 * text (control bytes, bytes that were not UTF-8, unassigned code points), so it stays one clean line.
 */
public class BinaryFormatException extends RuntimeException {

    private final Path file;

    public BinaryFormatException(Path file, String problem) {
        super(printable(file + ": " + problem));
        this.file = file;
    }

    public BinaryFormatException(Path file, String problem, Throwable cause) {
        super(printable(file + ": " + problem), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean plain = c >= 0x20 && c != 0x7f && c != 0xfffd && switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> false;
                default -> true;
            };
            if (plain) {
                out.appendCodePoint(c);
            } else {
                // U+FFFD stands where a name held bytes that are not UTF-8
                out.append(c < 0x100 ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }
}
