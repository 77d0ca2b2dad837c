package dev.rustbin.format;

import dev.rustbin.format.elf.ElfImage;
import dev.rustbin.format.macho.MachOImage;
import dev.rustbin.format.macho.MachOUniversalFile;
import dev.rustbin.format.pe.PeImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** Opens a binary; a universal Mach-O file opens as its slice for this machine's processor (else the first). */
    public static BinaryImage open(Path path) {
        return open(path, null);
    }

    /**
     * Opens a binary, or with {@code slice} the named architecture slice of a universal Mach-O file.
     * Any problem, including a slice the file does not have, is a {@link BinaryFormatException} naming the file.
     */
    public static BinaryImage open(Path path, String slice) {
        MappedFile file = map(path);
        try {
            return open(file, slice);
        } catch (RuntimeException | Error e) {
            file.close();
            throw e;
        }
    }

    private static BinaryImage open(MappedFile file, String slice) {
        BinaryFormat format = sniff(file.slice(0, Math.min(8, file.size())));
        if (format == null) {
            throw new BinaryFormatException(file.path(), "not an ELF, Mach-O or PE binary");
        }
        if (slice != null && !(format == BinaryFormat.MACH_O && MachOUniversalFile.isUniversal(file))) {
            throw new BinaryFormatException(file.path(), "has no architecture slices (not a universal Mach-O file); asked for " + slice);
        }
        return switch (format) {
            case ELF -> ElfImage.open(file);
            case MACH_O -> MachOImage.open(MachOUniversalFile.isUniversal(file) ? sliceOf(file, slice) : file);
            case PE -> PeImage.open(file);
        };
    }

    /** The architecture slice names of a universal Mach-O file ("arm64", "x86_64"); empty for any other file. */
    public static List<String> sliceNames(Path path) {
        try (MappedFile file = map(path)) {
            if (!MachOUniversalFile.isUniversal(file) || sniff(file.slice(0, Math.min(8, file.size()))) != BinaryFormat.MACH_O) {
                return List.of();
            }
            return MachOUniversalFile.slices(file).stream().map(MachOUniversalFile.Slice::name).toList();
        }
    }

    private static MappedFile sliceOf(MappedFile file, String name) {
        List<MachOUniversalFile.Slice> slices = MachOUniversalFile.slices(file);
        MachOUniversalFile.Slice chosen = name == null ? MachOUniversalFile.preferred(slices)
                : slices.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new BinaryFormatException(file.path(),
                        "universal file has no " + name + " slice (it has " + slices.stream().map(MachOUniversalFile.Slice::name).toList() + ")"));
        return file.region(chosen.offset(), chosen.size());
    }

    private static MappedFile map(Path path) {
        if (!Files.exists(path)) {
            throw new BinaryFormatException(path, "no such file or directory");
        }
        if (!Files.isRegularFile(path)) {
            throw new BinaryFormatException(path, "not a regular file");
        }
        return MappedFile.map(path);
    }
}
