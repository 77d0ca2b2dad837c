package dev.rustbin.format.elf;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import dev.rustbin.format.Section;
import dev.rustbin.format.StringTable;
import dev.rustbin.format.Symbol;
import java.util.List;

/** Decodes one SYMTAB or DYNSYM section into {@link Symbol}s, skipping the reserved null entry 0. */
final class ElfSymbolTableReader {

    private static final int STT_SECTION = 3;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int SHN_ABS = 0xfff1;
    private static final int SHN_COMMON = 0xfff2;
    private static final int SHN_XINDEX = 0xffff;

    private final MappedFile file;
    private final FileView view;
    private final boolean is64;
    private final List<ElfSectionHeader> headers;
    private final List<Section> sections;

    ElfSymbolTableReader(MappedFile file, FileView view, boolean is64, List<ElfSectionHeader> headers, List<Section> sections) {
        this.file = file;
        this.view = view;
        this.is64 = is64;
        this.headers = headers;
        this.sections = sections;
    }

    void read(ElfSectionHeader table, List<Symbol> out) {
        String tableName = sections.get(table.index()).name();
        int entrySize = is64 ? 24 : 16;
        if (table.entrySize() != entrySize || table.size() % entrySize != 0) {
            throw new BinaryFormatException(file.path(), String.format(
                    "symbol table %s has entry size %d and size %d; expected multiples of %d",
                    tableName, table.entrySize(), table.size(), entrySize));
        }
        int link = linkedSection(table, tableName);
        StringTable names = new StringTable(file.path(), sections.get(link).name(),
                file.slice(headers.get(link).offset(), headers.get(link).size(), "string table " + sections.get(link).name()));
        ElfSectionHeader extendedIndexes = extendedIndexTable(table);
        boolean dynamic = table.type() == ElfSectionHeader.SHT_DYNSYM;
        long count = table.size() / entrySize;
        for (long i = 1; i < count; i++) {
            long p = table.offset() + i * entrySize;
            long nameOffset = ByteFields.u32(view, p);
            int info;
            int other;
            int sectionIndex;
            long value;
            long size;
            if (is64) {
                info = view.get(p + 4) & 0xff;
                other = view.get(p + 5) & 0xff;
                sectionIndex = view.getShort(p + 6) & 0xffff;
                value = view.getLong(p + 8);
                size = view.getLong(p + 16);
            } else {
                value = ByteFields.u32(view, p + 4);
                size = ByteFields.u32(view, p + 8);
                info = view.get(p + 12) & 0xff;
                other = view.get(p + 13) & 0xff;
                sectionIndex = view.getShort(p + 14) & 0xffff;
            }
            if (sectionIndex == SHN_XINDEX && extendedIndexes != null) {
                sectionIndex = view.getInt(extendedIndexes.offset() + 4L * i);
            }
            String section = sectionName(sectionIndex);
            String name = names.get(nameOffset);
            if (name.isEmpty() && (info & 0xf) == STT_SECTION && section != null) {
                // Section symbols are unnamed; readelf and nm show the section's name, and so do we.
                name = section;
            }
            out.add(new Symbol(
                    name,
                    ElfNames.symbolType(info & 0xf),
                    value,
                    size,
                    section,
                    ElfNames.binding(info >>> 4),
                    ElfNames.visibility(other),
                    dynamic,
                    sectionIndex != SHN_UNDEF));
        }
    }

    private int linkedSection(ElfSectionHeader table, String tableName) {
        int link = table.link();
        if (link <= 0 || link >= headers.size() || headers.get(link).type() != ElfSectionHeader.SHT_STRTAB) {
            throw new BinaryFormatException(file.path(), "symbol table " + tableName + " links to section " + link + ", which is not a string table");
        }
        return link;
    }

    /** The SYMTAB_SHNDX section holding 32-bit section indexes for this table, if there is one. */
    private ElfSectionHeader extendedIndexTable(ElfSectionHeader table) {
        for (ElfSectionHeader h : headers) {
            if (h.type() == ElfSectionHeader.SHT_SYMTAB_SHNDX && h.link() == table.index()
                    && h.size() >= 4 * (table.size() / table.entrySize())) {
                return h;
            }
        }
        return null;
    }

    private String sectionName(int index) {
        if (index == SHN_ABS) {
            return "*ABS*";
        }
        if (index == SHN_COMMON) {
            return "*COM*";
        }
        if (index == SHN_UNDEF || (index >= SHN_LORESERVE && index <= SHN_XINDEX) || index >= sections.size() || index < 0) {
            return null;
        }
        return sections.get(index).name();
    }
}
