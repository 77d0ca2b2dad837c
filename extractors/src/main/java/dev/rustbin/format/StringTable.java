package dev.rustbin.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * NUL-terminated names read straight from a mapped string table (ELF string sections, the Mach-O
 * symbol strings, PE name areas). Offsets are checked against the table, so a corrupt index gives an
 * error naming the table, never a wild read.
 */
public final class StringTable {

    private final Path file;
    private final String tableName;
    private final ByteBuffer bytes;
    private byte[] scratch = new byte[256];

    public StringTable(Path file, String tableName, ByteBuffer bytes) {
        this.file = file;
        this.tableName = tableName;
        this.bytes = bytes;
    }

    public String get(long offset) {
        int limit = bytes.limit();
        if (offset < 0 || offset >= limit) {
            if (offset == 0 && limit == 0) {
                return "";
            }
            throw new BinaryFormatException(file, "string offset " + offset + " is outside " + tableName + " (" + limit + " bytes)");
        }
        int start = (int) offset;
        int end = start;
        boolean ascii = true;
        while (end < limit) {
            byte b = bytes.get(end);
            if (b == 0) {
                break;
            }
            ascii &= b >= 0;
            end++;
        }
        if (end == limit) {
            throw new BinaryFormatException(file, "string at offset " + offset + " in " + tableName + " is not NUL-terminated");
        }
        int length = end - start;
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        bytes.get(start, scratch, 0, length);
        // Nearly every symbol name is ASCII; Latin-1 decoding is the cheap exact path for it.
        return new String(scratch, 0, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
}
