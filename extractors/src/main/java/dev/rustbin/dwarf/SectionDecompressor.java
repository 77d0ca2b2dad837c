package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryFormat;
import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import java.nio.ByteBuffer;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Section bytes as the DWARF readers need them: compressed sections ({@code SHF_COMPRESSED}, as
 * {@code objcopy --compress-debug-sections} and Debian's debug packages write them, and the older
 * {@code .zdebug_*} form) are inflated into memory once; the others are views of the mapping.
 */
final class SectionDecompressor {

    private static final long SHF_COMPRESSED = 0x800;
    private static final int ELFCOMPRESS_ZLIB = 1;
    private static final int ELFCOMPRESS_ZSTD = 2;
    /** A compressed header that claims more than this is corrupt, not a section we can hold. */
    private static final long MAX_INFLATED = 1L << 30;

    private SectionDecompressor() {
    }

    static ByteBuffer content(BinaryImage image, Section section) {
        ByteBuffer raw = image.contentOf(section).order(ByteOrder.LITTLE_ENDIAN);
        if (section.name().startsWith(".zdebug_")) {
            return legacy(image, section, raw);
        }
        if ((section.flags() & SHF_COMPRESSED) == 0 || image.info().format() != BinaryFormat.ELF) {
            return raw;
        }
        boolean is64 = image.info().bits() == 64;
        int headerSize = is64 ? 24 : 12;
        if (raw.limit() < headerSize) {
            throw fail(image, section, "compression header truncated");
        }
        int type = raw.getInt(0);
        long size = is64 ? raw.getLong(8) : raw.getInt(4) & 0xffff_ffffL;
        ByteBuffer packed = raw.slice(headerSize, raw.limit() - headerSize);
        return switch (type) {
            case ELFCOMPRESS_ZLIB -> inflate(image, section, packed, size);
            case ELFCOMPRESS_ZSTD -> unzstd(image, section, packed, size);
            default -> throw fail(image, section, "unknown compression type " + type);
        };
    }

    /** {@code .zdebug_*}: "ZLIB", the inflated size as 8 big-endian bytes, then a zlib stream. */
    private static ByteBuffer legacy(BinaryImage image, Section section, ByteBuffer raw) {
        if (raw.limit() < 12 || raw.get(0) != 'Z' || raw.get(1) != 'L' || raw.get(2) != 'I' || raw.get(3) != 'B') {
            return raw;
        }
        long size = raw.duplicate().order(ByteOrder.BIG_ENDIAN).getLong(4);
        return inflate(image, section, raw.slice(12, raw.limit() - 12), size);
    }

    private static ByteBuffer inflate(BinaryImage image, Section section, ByteBuffer packed, long size) {
        byte[] out = allocate(image, section, size);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            int filled = 0;
            while (filled < out.length) {
                int n = inflater.inflate(out, filled, out.length - filled);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                filled += n;
            }
            if (filled != out.length) {
                throw fail(image, section, "zlib stream gives " + filled + " bytes, its header says " + size);
            }
        } catch (DataFormatException e) {
            throw fail(image, section, "corrupt zlib stream (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        return ByteBuffer.wrap(out);
    }

    private static ByteBuffer unzstd(BinaryImage image, Section section, ByteBuffer packed, long size) {
        byte[] out = allocate(image, section, size);
        byte[] in = new byte[packed.remaining()];
        packed.duplicate().get(in);
        try {
            int filled = new ZstdDecompressor().decompress(in, 0, in.length, out, 0, out.length);
            if (filled != out.length) {
                throw fail(image, section, "zstd stream gives " + filled + " bytes, its header says " + size);
            }
        } catch (MalformedInputException e) {
            throw fail(image, section, "corrupt zstd stream (" + e.getMessage() + ")");
        }
        return ByteBuffer.wrap(out);
    }

    private static byte[] allocate(BinaryImage image, Section section, long size) {
        if (size < 0 || size > MAX_INFLATED) {
            throw fail(image, section, "compressed section claims " + size + " bytes");
        }
        return new byte[(int) size];
    }

    private static BinaryFormatException fail(BinaryImage image, Section section, String problem) {
        return new BinaryFormatException(image.path(), "section " + section.name() + ": " + problem);
    }
}
