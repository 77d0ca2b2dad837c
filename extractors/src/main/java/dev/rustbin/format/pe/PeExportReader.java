package dev.rustbin.format.pe;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.Export;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The export directory: one export per non-empty export address table slot, with its ordinal, its
 * name when the name table gives one, and its forwarder when the address points back into the directory.
 */
final class PeExportReader {

    private PeExportReader() {
    }

    static List<Export> read(MappedFile file, FileView view, PeAddressMap addresses, PeHeaders headers) {
        long rva = headers.directoryRva(PeHeaders.EXPORT_DIRECTORY);
        long size = headers.directorySize(PeHeaders.EXPORT_DIRECTORY);
        if (rva == 0) {
            return List.of();
        }
        long p = addresses.offset(rva, 40, "export directory");
        long base = ByteFields.u32(view, p + 16);
        long functionCount = ByteFields.u32(view, p + 20);
        long nameCount = ByteFields.u32(view, p + 24);
        long functions = addresses.offset(ByteFields.u32(view, p + 28), functionCount * 4, "export address table");
        String[] names = new String[(int) functionCount];
        if (nameCount > 0) {
            long namePointers = addresses.offset(ByteFields.u32(view, p + 32), nameCount * 4, "export name table");
            long nameOrdinals = addresses.offset(ByteFields.u32(view, p + 36), nameCount * 2, "export ordinal table");
            for (int i = 0; i < nameCount; i++) {
                int index = ByteFields.u16(view, nameOrdinals + 2L * i);
                if (index >= functionCount) {
                    throw new BinaryFormatException(file.path(), "export name " + i + " points at address slot " + index
                            + " of " + functionCount);
                }
                names[index] = addresses.text(ByteFields.u32(view, namePointers + 4L * i), "export name");
            }
        }
        List<Export> out = new ArrayList<>();
        for (int i = 0; i < functionCount; i++) {
            long target = ByteFields.u32(view, functions + 4L * i);
            if (target == 0) {
                continue;
            }
            int ordinal = (int) (base + i);
            // An address inside the export directory is the text "DLL.Symbol" of a forwarder.
            if (target >= rva && target < rva + size) {
                out.add(new Export(names[i], 0, ordinal, addresses.text(target, "export forwarder")));
            } else {
                out.add(new Export(names[i], headers.imageBase() + target, ordinal, null));
            }
        }
        return Collections.unmodifiableList(out);
    }
}
