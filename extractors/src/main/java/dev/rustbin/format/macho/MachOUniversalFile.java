package dev.rustbin.format.macho;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A universal ("fat") file: a big-endian table of architecture slices, each a complete Mach-O image. */
public final class MachOUniversalFile {

    /** One architecture's image: its lipo name (arm64, x86_64) and where it lies in the file. */
    public record Slice(String name, long offset, long size) {
    }

    private static final int FAT_MAGIC = 0xcafebabe;
    private static final int FAT_MAGIC_64 = 0xcafebabf;

    private MachOUniversalFile() {
    }

    public static boolean isUniversal(MappedFile file) {
        if (file.size() < 8) {
            return false;
        }
        int magic = file.view(ByteOrder.BIG_ENDIAN).getInt(0);
        return magic == FAT_MAGIC || magic == FAT_MAGIC_64;
    }

    /** The slices in table order; a table or slice outside the file is an error naming the file. */
    public static List<Slice> slices(MappedFile file) {
        FileView view = file.view(ByteOrder.BIG_ENDIAN);
        boolean is64 = view.getInt(0) == FAT_MAGIC_64;
        long count = ByteFields.u32(view, 4);
        int entrySize = is64 ? 32 : 20;
        file.require(8, count * entrySize, "universal header (" + count + " architectures)");
        List<Slice> slices = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            int p = 8 + i * entrySize;
            long offset = is64 ? view.getLong(p + 8) : ByteFields.u32(view, p + 8);
            long size = is64 ? view.getLong(p + 16) : ByteFields.u32(view, p + 12);
            String name = MachONames.sliceName(view.getInt(p), view.getInt(p + 4));
            if (!file.contains(offset, size)) {
                throw new BinaryFormatException(file.path(), String.format(
                        "universal header puts the %s slice at 0x%x+0x%x, past the end of the file (%d bytes)", name, offset, size, file.size()));
            }
            String unique = name;
            for (int n = 2; contains(slices, unique); n++) {
                unique = name + "-" + n;
            }
            slices.add(new Slice(unique, offset, size));
        }
        if (slices.isEmpty()) {
            throw new BinaryFormatException(file.path(), "universal file holds no architectures");
        }
        return slices;
    }

    private static boolean contains(List<Slice> slices, String name) {
        return slices.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The slice to open when none is named: the one matching the JVM's processor, else the first. */
    public static Slice preferred(List<Slice> slices) {
        String host = switch (System.getProperty("os.arch")) {
            case "aarch64" -> "arm64";
            case "amd64", "x86_64" -> "x86_64";
            default -> "";
        };
        return slices.stream().filter(s -> s.name().equals(host)).findFirst().orElse(slices.get(0));
    }
}
