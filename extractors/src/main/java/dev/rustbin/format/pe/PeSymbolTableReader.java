package dev.rustbin.format.pe;

import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.StringTable;
import dev.rustbin.format.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The COFF symbol table that windows-gnu builds keep (MSVC images have none): one row per symbol
 * record, auxiliary records skipped. COFF records no sizes, so symbol_size is 0.
 */
final class PeSymbolTableReader {

    private static final int IMAGE_SYM_UNDEFINED = 0;
    private static final int IMAGE_SYM_ABSOLUTE = -1;
    private static final int IMAGE_SYM_DEBUG = -2;
    private static final int IMAGE_SYM_DTYPE_FUNCTION = 2;
    private static final int IMAGE_SYM_CLASS_EXTERNAL = 2;
    private static final int IMAGE_SYM_CLASS_STATIC = 3;
    private static final int IMAGE_SYM_CLASS_FILE = 103;
    private static final int IMAGE_SYM_CLASS_WEAK_EXTERNAL = 105;

    private PeSymbolTableReader() {
    }

    /** {@code strings} is the COFF string table, which PeCoffStrings found right after the checked symbol records. */
    static List<Symbol> read(FileView view, PeHeaders headers, StringTable strings, List<PeSectionHeader> sections) {
        if (strings == null) {
            return List.of();
        }
        List<Symbol> out = new ArrayList<>();
        for (long i = 0; i < headers.symbolCount(); i++) {
            long p = headers.symbolTableOffset() + i * PeCoffStrings.SYMBOL_SIZE;
            String name = view.getInt(p) == 0 ? strings.get(ByteFields.u32(view, p + 4)) : ByteFields.cString(view, p, p + 8);
            long value = ByteFields.u32(view, p + 8);
            int sectionNumber = view.getShort(p + 12);
            int type = ByteFields.u16(view, p + 14);
            int storageClass = ByteFields.u8(view, p + 16);
            int auxCount = ByteFields.u8(view, p + 17);
            PeSectionHeader section = sectionNumber > 0 && sectionNumber <= sections.size() ? sections.get(sectionNumber - 1) : null;
            String binding = switch (storageClass) {
                case IMAGE_SYM_CLASS_EXTERNAL -> "global";
                case IMAGE_SYM_CLASS_WEAK_EXTERNAL -> "weak";
                default -> "local";
            };
            boolean common = sectionNumber == IMAGE_SYM_UNDEFINED && storageClass == IMAGE_SYM_CLASS_EXTERNAL && value != 0;
            String kind;
            String sectionName;
            long address = value;
            if (storageClass == IMAGE_SYM_CLASS_FILE) {
                kind = "file";
                sectionName = null;
            } else if (sectionNumber == IMAGE_SYM_DEBUG) {
                kind = "debug";
                sectionName = null;
            } else if (sectionNumber == IMAGE_SYM_ABSOLUTE) {
                kind = "notype";
                sectionName = "*ABS*";
            } else if (common) {
                kind = "common";
                sectionName = "*COM*";
                address = 0;
            } else if (section != null) {
                sectionName = section.name();
                address = headers.imageBase() + section.virtualAddress() + value;
                kind = kindInSection(type, storageClass, auxCount, value, name, section);
            } else {
                kind = "notype";
                sectionName = null;
            }
            boolean defined = sectionNumber != IMAGE_SYM_UNDEFINED || common;
            out.add(new Symbol(name, kind, address, common ? value : 0, sectionName, binding, "default", false, defined));
            i += auxCount;
        }
        return Collections.unmodifiableList(out);
    }

    /** Function by the COFF type; a static section-name symbol with an aux record is the section; else by the section's contents. */
    private static String kindInSection(int type, int storageClass, int auxCount, long value, String name, PeSectionHeader section) {
        if ((type >> 4) == IMAGE_SYM_DTYPE_FUNCTION) {
            return "function";
        }
        if (storageClass == IMAGE_SYM_CLASS_STATIC && auxCount > 0 && value == 0 && name.equals(section.name())) {
            return "section";
        }
        return (section.characteristics() & PeSectionHeader.IMAGE_SCN_MEM_EXECUTE) != 0 ? "notype" : "variable";
    }
}
