package dev.rustbin.format.macho;

import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import dev.rustbin.format.StringTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads the nlist entries named by LC_SYMTAB, with the symbol and string areas checked against the file. */
final class MachOSymbolTableReader {

    private MachOSymbolTableReader() {
    }

    static List<MachOSymbolEntry> read(MappedFile file, FileView view, boolean is64, MachOLoadCommand symtab) {
        MachOLoadCommandReader.requireSize(file, symtab, 24, "LC_SYMTAB");
        int p = symtab.offset();
        long symbolsAt = ByteFields.u32(view, p + 8);
        long count = ByteFields.u32(view, p + 12);
        long stringsAt = ByteFields.u32(view, p + 16);
        long stringsSize = ByteFields.u32(view, p + 20);
        int entrySize = is64 ? 16 : 12;
        file.require(symbolsAt, count * entrySize, "symbol table (" + count + " entries)");
        StringTable names = new StringTable(file.path(), "the symbol string table", file.slice(stringsAt, stringsSize));
        List<MachOSymbolEntry> entries = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long at = symbolsAt + (long) i * entrySize;
            long value = is64 ? view.getLong(at + 8) : ByteFields.u32(view, at + 8);
            entries.add(new MachOSymbolEntry(names.get(ByteFields.u32(view, at)), ByteFields.u8(view, at + 4),
                    ByteFields.u8(view, at + 5), ByteFields.u16(view, at + 6), value));
        }
        return Collections.unmodifiableList(entries);
    }
}
