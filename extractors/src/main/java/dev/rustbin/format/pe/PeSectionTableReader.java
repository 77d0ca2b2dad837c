package dev.rustbin.format.pe;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import dev.rustbin.format.StringTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads the section table; each section's file bytes must lie inside the file. */
final class PeSectionTableReader {

    private PeSectionTableReader() {
    }

    static List<PeSectionHeader> read(MappedFile file, FileView view, PeHeaders headers, StringTable coffStrings) {
        List<PeSectionHeader> out = new ArrayList<>(headers.sectionCount());
        for (int i = 0; i < headers.sectionCount(); i++) {
            long p = headers.sectionTableOffset() + 40L * i;
            PeSectionHeader section = new PeSectionHeader(i + 1, name(file, view, p, coffStrings), ByteFields.u32(view, p + 8),
                    ByteFields.u32(view, p + 12), ByteFields.u32(view, p + 16), ByteFields.u32(view, p + 20), view.getInt(p + 36));
            if (!file.contains(section.rawOffset(), section.fileSize())) {
                throw new BinaryFormatException(file.path(), String.format(
                        "section %s spans file bytes 0x%x+0x%x, past the end of the file (%d bytes)",
                        section.name(), section.rawOffset(), section.fileSize(), file.size()));
            }
            out.add(section);
        }
        return Collections.unmodifiableList(out);
    }

    /** Eight bytes, NUL-padded; "/123" is offset 123 into the COFF string table when the image has one. */
    private static String name(MappedFile file, FileView view, long p, StringTable coffStrings) {
        String name = ByteFields.cString(view, p, p + 8);
        if (name.startsWith("/") && coffStrings != null && name.substring(1).chars().allMatch(Character::isDigit) && name.length() > 1) {
            return coffStrings.get(Long.parseLong(name.substring(1)));
        }
        return name;
    }
}
