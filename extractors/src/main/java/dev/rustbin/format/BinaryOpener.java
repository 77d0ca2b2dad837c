package dev.rustbin.format;

import dev.rustbin.format.elf.ElfImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recognises a file's container format from its first bytes and opens it with that format's reader. */
public final class BinaryOpener {

    private BinaryOpener() {
    }

    /** The format the file's magic number announces, or null when it is not a binary rustbin knows. */
    public static BinaryFormat sniff(ByteBuffer head) {
        if (head.limit() < 4) {
            return null;
        }
        int big = head.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (big == 0x7f454c46) {
            return BinaryFormat.ELF;
        }
        if (big == 0xfeedface || big == 0xfeedfacf || big == 0xcefaedfe || big == 0xcffaedfe) {
            return BinaryFormat.MACH_O;
        }
        // 0xcafebabe is also a Java class file; a fat Mach-O has a small architecture count there instead of a version.
        if ((big == 0xcafebabe || big == 0xcafebabf) && head.limit() >= 8 && head.getInt(4) > 0 && head.getInt(4) < 32) {
            return BinaryFormat.MACH_O;
        }
        if (head.get(0) == 'M' && head.get(1) == 'Z') {
            return BinaryFormat.PE;
        }
        return null;
    }

    public static BinaryImage open(Path path) {
        if (!Files.exists(path)) {
            throw new BinaryFormatException(path, "no such file or directory");
        }
        if (!Files.isRegularFile(path)) {
            throw new BinaryFormatException(path, "not a regular file");
        }
        MappedFile file = MappedFile.map(path);
        BinaryFormat format = sniff(file.slice(0, Math.min(8, file.size())));
        if (format == null) {
            throw new BinaryFormatException(path, "not an ELF, Mach-O or PE binary");
        }
        return switch (format) {
            case ELF -> ElfImage.open(file);
            case MACH_O, PE -> throw new BinaryFormatException(path, format.displayName() + " binaries are not supported yet (ELF only)");
        };
    }
}
