package dev.rustbin.rust;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.ImageAnalyses;
import dev.rustbin.format.Section;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds {@code core::panic::Location} records by reading the data sections: a record is a pointer to
 * a file path, the path's length, then the line and column as 32-bit numbers, pointer-aligned. A
 * slot counts as a record only if the pointer lands in read-only data on a valid UTF-8 path ending
 * in ".rs" of exactly that length, and line and column are plausible.
 */
public final class PanicLocationScanner {

    private static final int MAX_PATH = 4096;
    private static final int MAX_LINE = 1 << 24;
    private static final int MAX_COLUMN = 1 << 16;

    private PanicLocationScanner() {
    }

    /** The image's panic locations, scanned once and kept while the image is open. */
    public static List<PanicLocation> of(BinaryImage image) {
        return ImageAnalyses.of(image, "panic-locations", PanicLocationScanner::scan);
    }

    public static List<PanicLocation> scan(BinaryImage image) {
        boolean is64 = image.info().bits() == 64;
        int width = is64 ? 8 : 4;
        ByteOrder order = "big".equals(image.info().endianness()) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<PanicLocation> found = new ArrayList<>();
        for (Section section : image.sections()) {
            if (!section.permissions().readable() || section.permissions().executable() || section.fileSize() == 0) {
                continue;
            }
            ByteBuffer data = image.contentOf(section).order(order);
            long misalignment = Math.floorMod(section.address(), width);
            for (int at = (int) ((width - misalignment) % width); at + 2 * width + 8 <= data.limit(); at += width) {
                long length = is64 ? data.getLong(at + width) : data.getInt(at + width) & 0xffff_ffffL;
                if (length < 4 || length > MAX_PATH) {
                    continue;
                }
                int line = data.getInt(at + 2 * width);
                int column = data.getInt(at + 2 * width + 4);
                if (line < 1 || line > MAX_LINE || column < 1 || column > MAX_COLUMN) {
                    continue;
                }
                long address = section.address() + at;
                OptionalLong pointer = image.pointerAt(address);
                if (pointer.isEmpty()) {
                    continue;
                }
                String file = pathAt(image, pointer.getAsLong(), (int) length);
                if (file != null) {
                    found.add(new PanicLocation(address, file, line, column, CrateSource.of(file)));
                }
            }
        }
        return found;
    }

    /** The ".rs" path of the given length at a read-only address, or null when there is none. */
    private static String pathAt(BinaryImage image, long address, int length) {
        for (Section s : image.sections()) {
            long offset = address - s.address();
            if (s.fileSize() > 0 && s.permissions().readable() && !s.permissions().writable() && !s.permissions().executable()
                    && offset >= 0 && offset + length <= s.fileSize()) {
                ByteBuffer bytes = image.contentOf(s);
                int start = (int) offset;
                if (bytes.get(start + length - 3) != '.' || bytes.get(start + length - 2) != 'r' || bytes.get(start + length - 1) != 's') {
                    return null;
                }
                try {
                    String text = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(bytes.slice(start, length)).toString();
                    return text.indexOf('\0') < 0 ? text : null;
                } catch (CharacterCodingException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
