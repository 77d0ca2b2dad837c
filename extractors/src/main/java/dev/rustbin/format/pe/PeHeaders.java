package dev.rustbin.format.pe;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;

/**
 * The DOS stub's pointer, the COFF file header and the optional header of a PE image, with every
 * header checked to lie inside the file.
 *
 * @param dataDirectories (RVA, size) pairs: index 0 exports, 1 imports, 3 exceptions, 6 debug
 */
record PeHeaders(
        int machine,
        int sectionCount,
        long symbolTableOffset,
        long symbolCount,
        int characteristics,
        boolean pe32Plus,
        long entryPointRva,
        long imageBase,
        long sectionAlignment,
        long sizeOfHeaders,
        int subsystem,
        long sectionTableOffset,
        long[][] dataDirectories) {

    static final int EXPORT_DIRECTORY = 0;
    static final int IMPORT_DIRECTORY = 1;
    static final int EXCEPTION_DIRECTORY = 3;
    static final int DEBUG_DIRECTORY = 6;
    static final int IMAGE_FILE_DLL = 0x2000;

    private static final int PE_SIGNATURE = 0x00004550;
    private static final int PE32_MAGIC = 0x10b;
    private static final int PE32_PLUS_MAGIC = 0x20b;
    private static final int MAX_DIRECTORIES = 16;

    static PeHeaders read(MappedFile file, FileView view) {
        file.require(0, 0x40, "DOS header");
        long peAt = ByteFields.u32(view, 0x3c);
        file.require(peAt, 24, "PE header");
        long p = peAt;
        if (view.getInt(p) != PE_SIGNATURE) {
            throw new BinaryFormatException(file.path(), String.format("no PE signature at 0x%x (an MS-DOS program?)", peAt));
        }
        int machine = ByteFields.u16(view, p + 4);
        int sectionCount = ByteFields.u16(view, p + 6);
        long symbolTableOffset = ByteFields.u32(view, p + 12);
        long symbolCount = ByteFields.u32(view, p + 16);
        int optionalSize = ByteFields.u16(view, p + 20);
        int characteristics = ByteFields.u16(view, p + 22);
        long o = p + 24;
        file.require(o, optionalSize, "optional header");
        if (optionalSize < 2) {
            throw new BinaryFormatException(file.path(), "PE image without an optional header");
        }
        int magic = ByteFields.u16(view, o);
        if (magic != PE32_MAGIC && magic != PE32_PLUS_MAGIC) {
            throw new BinaryFormatException(file.path(), String.format("unknown optional header magic 0x%x", magic));
        }
        boolean plus = magic == PE32_PLUS_MAGIC;
        int directoriesAt = plus ? 112 : 96;
        if (optionalSize < directoriesAt) {
            throw new BinaryFormatException(file.path(), "optional header is " + optionalSize + " bytes, shorter than its " + directoriesAt + "-byte fixed part");
        }
        long directoryCount = Math.min(ByteFields.u32(view, o + directoriesAt - 4), MAX_DIRECTORIES);
        if (directoriesAt + directoryCount * 8 > optionalSize) {
            throw new BinaryFormatException(file.path(), "optional header claims " + directoryCount + " data directories, more than its " + optionalSize + " bytes hold");
        }
        long[][] directories = new long[MAX_DIRECTORIES][2];
        for (int i = 0; i < directoryCount; i++) {
            directories[i][0] = ByteFields.u32(view, o + directoriesAt + 8 * i);
            directories[i][1] = ByteFields.u32(view, o + directoriesAt + 8 * i + 4);
        }
        long sectionTable = (long) o + optionalSize;
        file.require(sectionTable, 40L * sectionCount, "section table (" + sectionCount + " sections)");
        return new PeHeaders(machine, sectionCount, symbolTableOffset, symbolCount, characteristics, plus,
                ByteFields.u32(view, o + 16), plus ? view.getLong(o + 24) : ByteFields.u32(view, o + 28),
                ByteFields.u32(view, o + 32), ByteFields.u32(view, o + 60), ByteFields.u16(view, o + 68),
                sectionTable, directories);
    }

    long directoryRva(int index) {
        return dataDirectories[index][0];
    }

    long directorySize(int index) {
        return dataDirectories[index][1];
    }
}
