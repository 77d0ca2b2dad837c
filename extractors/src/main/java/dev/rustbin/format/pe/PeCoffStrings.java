package dev.rustbin.format.pe;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import dev.rustbin.format.StringTable;

/** The COFF string table right after the symbol table: long section and symbol names (windows-gnu builds). */
final class PeCoffStrings {

    static final int SYMBOL_SIZE = 18;

    private PeCoffStrings() {
    }

    /** The table, or null for an image without a symbol table (MSVC builds, stripped files). */
    static StringTable read(MappedFile file, FileView view, PeHeaders headers) {
        if (headers.symbolTableOffset() == 0 || headers.symbolCount() == 0) {
            return null;
        }
        file.require(headers.symbolTableOffset(), headers.symbolCount() * SYMBOL_SIZE, "COFF symbol table (" + headers.symbolCount() + " symbols)");
        long at = headers.symbolTableOffset() + headers.symbolCount() * SYMBOL_SIZE;
        file.require(at, 4, "COFF string table");
        long size = ByteFields.u32(view, at);
        if (size < 4) {
            throw new BinaryFormatException(file.path(), "COFF string table claims " + size + " bytes, less than its own size field");
        }
        // Offsets into the table count from its size field, so the view starts there.
        return new StringTable(file.path(), "the COFF string table", file.slice(at, size));
    }
}
