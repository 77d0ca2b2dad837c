package dev.rustbin.format.elf;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the section header table with bounds checks on every range it names, at 64-bit file
 * offsets: the table, and any section, may lie anywhere in a file of any size.
 */
final class ElfSectionTableReader {

    private static final int SHN_XINDEX = 0xffff;

    private ElfSectionTableReader() {
    }

    static List<ElfSectionHeader> read(MappedFile file, FileView view, ElfHeader header) {
        if (header.sectionHeaderOffset() == 0) {
            return List.of();
        }
        int entrySize = header.is64() ? 64 : 40;
        if (header.sectionHeaderEntrySize() != entrySize) {
            throw new BinaryFormatException(file.path(), "section header entry size is " + header.sectionHeaderEntrySize() + ", expected " + entrySize);
        }
        long count = header.sectionCount();
        if (count == 0) {
            // Extended numbering: more than 0xff00 sections, real count in the first header's size.
            requireInside(file, header.sectionHeaderOffset(), entrySize);
            count = readHeader(view, header, 0, header.sectionHeaderOffset()).size();
        }
        if (count > (file.size() / entrySize)) {
            throw new BinaryFormatException(file.path(), "section header count " + count + " cannot fit in the file");
        }
        requireInside(file, header.sectionHeaderOffset(), count * entrySize);
        List<ElfSectionHeader> headers = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            ElfSectionHeader section = readHeader(view, header, i, header.sectionHeaderOffset() + (long) i * entrySize);
            if (section.hasFileBytes() && !file.contains(section.offset(), section.size())) {
                throw new BinaryFormatException(file.path(), String.format(
                        "section [%d] spans file bytes 0x%x+0x%x, past the end of the file (%d bytes)",
                        i, section.offset(), section.size(), file.size()));
            }
            headers.add(section);
        }
        return headers;
    }

    /** The index of the section-name string table, resolving the extended-numbering escape. */
    static int nameTableIndex(ElfHeader header, List<ElfSectionHeader> headers) {
        int index = header.sectionNameTableIndex();
        return index == SHN_XINDEX && !headers.isEmpty() ? headers.get(0).link() : index;
    }

    private static ElfSectionHeader readHeader(FileView view, ElfHeader header, int index, long p) {
        if (header.is64()) {
            return new ElfSectionHeader(index, ByteFields.u32(view, p), view.getInt(p + 4), view.getLong(p + 8),
                    view.getLong(p + 16), view.getLong(p + 24), view.getLong(p + 32), view.getInt(p + 40),
                    view.getInt(p + 44), view.getLong(p + 48), view.getLong(p + 56));
        }
        return new ElfSectionHeader(index, ByteFields.u32(view, p), view.getInt(p + 4), ByteFields.u32(view, p + 8),
                ByteFields.u32(view, p + 12), ByteFields.u32(view, p + 16), ByteFields.u32(view, p + 20), view.getInt(p + 24),
                view.getInt(p + 28), ByteFields.u32(view, p + 32), ByteFields.u32(view, p + 36));
    }

    private static void requireInside(MappedFile file, long offset, long length) {
        if (!file.contains(offset, length)) {
            throw new BinaryFormatException(file.path(), String.format(
                    "section header table at 0x%x+0x%x lies past the end of the file (%d bytes)", offset, length, file.size()));
        }
    }
}
