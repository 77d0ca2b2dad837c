package dev.rustbin.format.elf;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import java.nio.ByteOrder;

/** The ELF file header fields rustbin uses, offsets as unsigned 64-bit values whatever the file's class. */
record ElfHeader(
        boolean is64,
        ByteOrder byteOrder,
        int fileType,
        int machine,
        long entry,
        long programHeaderOffset,
        int programHeaderEntrySize,
        int programHeaderCount,
        long sectionHeaderOffset,
        int sectionHeaderEntrySize,
        int sectionCount,
        int sectionNameTableIndex) {

    private static final int CLASS_32 = 1;
    private static final int CLASS_64 = 2;
    private static final int DATA_LSB = 1;
    private static final int DATA_MSB = 2;

    static ElfHeader read(MappedFile file) {
        FileView ident = file.view(ByteOrder.BIG_ENDIAN);
        int elfClass = ByteFields.u8(ident, 4);
        int data = ByteFields.u8(ident, 5);
        if (elfClass != CLASS_32 && elfClass != CLASS_64) {
            throw new BinaryFormatException(file.path(), "invalid ELF class " + elfClass + " (expected 1 or 2)");
        }
        if (data != DATA_LSB && data != DATA_MSB) {
            throw new BinaryFormatException(file.path(), "invalid ELF data encoding " + data + " (expected 1 or 2)");
        }
        boolean is64 = elfClass == CLASS_64;
        if (file.size() < (is64 ? 64 : 52)) {
            throw new BinaryFormatException(file.path(), "truncated ELF header (" + file.size() + " bytes)");
        }
        ByteOrder order = data == DATA_MSB ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        FileView v = file.view(order);
        int type = ByteFields.u16(v, 16);
        int machine = ByteFields.u16(v, 18);
        if (is64) {
            return new ElfHeader(true, order, type, machine, v.getLong(24), v.getLong(32), ByteFields.u16(v, 54),
                    ByteFields.u16(v, 56), v.getLong(40), ByteFields.u16(v, 58), ByteFields.u16(v, 60), ByteFields.u16(v, 62));
        }
        return new ElfHeader(false, order, type, machine, ByteFields.u32(v, 24), ByteFields.u32(v, 28), ByteFields.u16(v, 42),
                ByteFields.u16(v, 44), ByteFields.u32(v, 32), ByteFields.u16(v, 46), ByteFields.u16(v, 48), ByteFields.u16(v, 50));
    }
}
