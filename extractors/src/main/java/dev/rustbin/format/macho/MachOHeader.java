package dev.rustbin.format.macho;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import java.nio.ByteOrder;

/** The mach_header(_64) fields rustbin uses, with the load command area checked to lie inside the file. */
record MachOHeader(ByteOrder byteOrder, boolean is64, int cpuType, int cpuSubtype, int fileType, int commandCount,
                   long commandsSize, int flags) {

    static final int MH_TWOLEVEL = 0x80;

    private static final int MH_MAGIC = 0xfeedface;
    private static final int MH_MAGIC_64 = 0xfeedfacf;

    /** Bytes before the first load command. */
    int size() {
        return is64 ? 32 : 28;
    }

    static MachOHeader read(MappedFile file) {
        if (file.size() < 28) {
            throw new BinaryFormatException(file.path(), "truncated Mach-O header (" + file.size() + " bytes)");
        }
        int magic = file.view(ByteOrder.LITTLE_ENDIAN).getInt(0);
        // The magic reads correctly in the file's own byte order; byte-swapped, the file is big-endian.
        ByteOrder order = magic == MH_MAGIC || magic == MH_MAGIC_64 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        FileView view = file.view(order);
        magic = view.getInt(0);
        if (magic != MH_MAGIC && magic != MH_MAGIC_64) {
            throw new BinaryFormatException(file.path(), String.format("not a Mach-O image (magic 0x%08x)", magic));
        }
        MachOHeader header = new MachOHeader(order, magic == MH_MAGIC_64, view.getInt(4), view.getInt(8), view.getInt(12),
                view.getInt(16), ByteFields.u32(view, 20), view.getInt(24));
        if (!file.contains(0, header.size() + header.commandsSize())) {
            throw new BinaryFormatException(file.path(), "load commands (" + header.commandsSize()
                    + " bytes) lie past the end of the file (" + file.size() + " bytes)");
        }
        // Every load command takes at least 8 bytes, so a larger count cannot be true.
        if (header.commandCount() < 0 || (long) header.commandCount() * 8 > header.commandsSize()) {
            throw new BinaryFormatException(file.path(), "header claims " + Integer.toUnsignedString(header.commandCount())
                    + " load commands in " + header.commandsSize() + " bytes");
        }
        return header;
    }
}
