package dev.rustbin.format.macho;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.LinkedLibrary;
import dev.rustbin.format.MappedFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The names load commands carry as an lc_str (an offset into the command): linked dylibs and the dynamic linker. */
final class MachOCommandText {

    private MachOCommandText() {
    }

    /** Dylib commands in file order; an import's library ordinal is its position here plus one. */
    static List<LinkedLibrary> libraries(MappedFile file, FileView view, List<MachOLoadCommand> commands) {
        List<LinkedLibrary> out = new ArrayList<>();
        for (MachOLoadCommand command : commands) {
            String kind = switch (command.type()) {
                case MachOLoadCommand.LC_LOAD_DYLIB -> "load";
                case MachOLoadCommand.LC_LOAD_WEAK_DYLIB -> "weak";
                case MachOLoadCommand.LC_REEXPORT_DYLIB -> "reexport";
                case MachOLoadCommand.LC_LOAD_UPWARD_DYLIB -> "upward";
                case MachOLoadCommand.LC_LAZY_LOAD_DYLIB -> "lazy";
                default -> null;
            };
            if (kind != null) {
                out.add(new LinkedLibrary(out.size(), text(file, view, command, 24), kind, kind.equals("weak")));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** LC_LOAD_DYLINKER's path (/usr/lib/dyld), or null without one. */
    static String dynamicLinker(MappedFile file, FileView view, List<MachOLoadCommand> commands) {
        for (MachOLoadCommand command : commands) {
            if (command.type() == MachOLoadCommand.LC_LOAD_DYLINKER) {
                return text(file, view, command, 12);
            }
        }
        return null;
    }

    /** The lc_str at offset 8 of a command whose fixed part is {@code fixedSize} bytes; it must lie inside the command. */
    private static String text(MappedFile file, FileView view, MachOLoadCommand command, int fixedSize) {
        MachOLoadCommandReader.requireSize(file, command, fixedSize, String.format("0x%x", command.type()));
        long at = ByteFields.u32(view, command.offset() + 8);
        if (at < fixedSize || at >= command.size()) {
            throw new BinaryFormatException(file.path(), String.format(
                    "load command 0x%x at 0x%x names a string at offset %d, outside its %d bytes", command.type(), command.offset(), at, command.size()));
        }
        return ByteFields.cString(view, command.offset() + (int) at, command.end());
    }
}
