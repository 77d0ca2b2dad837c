package dev.rustbin.format.macho;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import java.util.ArrayList;
import java.util.List;

/** Walks the load commands after the header; each must fit in the area the header declares. */
final class MachOLoadCommandReader {

    private MachOLoadCommandReader() {
    }

    static List<MachOLoadCommand> read(MappedFile file, FileView view, MachOHeader header) {
        List<MachOLoadCommand> commands = new ArrayList<>(header.commandCount());
        int p = header.size();
        long end = header.size() + header.commandsSize();
        for (int i = 0; i < header.commandCount(); i++) {
            if (end - p < 8) {
                throw new BinaryFormatException(file.path(), "load command " + i + " of " + header.commandCount()
                        + " is truncated: the load command area ends at " + end);
            }
            int type = view.getInt(p);
            long size = ByteFields.u32(view, p + 4);
            if (size < 8 || size > end - p) {
                throw new BinaryFormatException(file.path(), String.format(
                        "load command %d (0x%x) claims %d bytes; %d bytes of load commands remain", i, type, size, end - p));
            }
            commands.add(new MachOLoadCommand(type, p, (int) size));
            p += (int) size;
        }
        return commands;
    }

    /** Fails unless a command has the {@code needed} bytes its fixed layout takes. */
    static void requireSize(MappedFile file, MachOLoadCommand command, int needed, String name) {
        if (command.size() < needed) {
            throw new BinaryFormatException(file.path(), String.format(
                    "%s load command at 0x%x is %d bytes, shorter than its %d-byte layout", name, command.offset(), command.size(), needed));
        }
    }
}
