package dev.rustbin.format.pe;

import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.Import;
import dev.rustbin.format.LinkedLibrary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The import directory: one descriptor per DLL, each with a zero-terminated lookup table of imports
 * by name (with the loader's hint) or by ordinal. Delay-load imports are not read.
 */
final class PeImportReader {

    private static final int DESCRIPTOR_SIZE = 20;

    /** The DLLs in descriptor order and every import, in lookup-table order. */
    record Imports(List<LinkedLibrary> libraries, List<Import> imports) {
    }

    private PeImportReader() {
    }

    static Imports read(FileView view, PeAddressMap addresses, PeHeaders headers) {
        List<LinkedLibrary> libraries = new ArrayList<>();
        List<Import> imports = new ArrayList<>();
        long rva = headers.directoryRva(PeHeaders.IMPORT_DIRECTORY);
        if (rva == 0) {
            return new Imports(List.of(), List.of());
        }
        int entrySize = headers.pe32Plus() ? 8 : 4;
        long ordinalFlag = headers.pe32Plus() ? 1L << 63 : 1L << 31;
        // Every descriptor and lookup entry must lie in the file, which bounds both loops.
        for (long d = rva; ; d += DESCRIPTOR_SIZE) {
            long p = addresses.offset(d, DESCRIPTOR_SIZE, "import descriptor");
            long lookup = ByteFields.u32(view, p);
            long name = ByteFields.u32(view, p + 12);
            long addressTable = ByteFields.u32(view, p + 16);
            if (lookup == 0 && name == 0 && addressTable == 0) {
                break;
            }
            String library = addresses.text(name, "import DLL name");
            libraries.add(new LinkedLibrary(libraries.size(), library, "import", false));
            for (long t = lookup != 0 ? lookup : addressTable; ; t += entrySize) {
                long e = addresses.offset(t, entrySize, "import lookup table of " + library);
                long entry = headers.pe32Plus() ? view.getLong(e) : ByteFields.u32(view, e);
                if (entry == 0) {
                    break;
                }
                if ((entry & ordinalFlag) != 0) {
                    imports.add(new Import(null, library, (int) (entry & 0xffff), null, null, false));
                } else {
                    long hintAt = entry & 0x7fff_ffffL;
                    int hint = ByteFields.u16(view, addresses.offset(hintAt, 2, "import name hint"));
                    imports.add(new Import(addresses.text(hintAt + 2, "import name"), library, null, hint, null, false));
                }
            }
        }
        return new Imports(Collections.unmodifiableList(libraries), Collections.unmodifiableList(imports));
    }
}
