package dev.rustbin.format.elf;

import java.nio.ByteOrder;
import net.fornwall.jelf.ElfFile;

/** The ELF file header fields rustbin uses, taken from jelf with its signed shorts read as unsigned. */
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

    static ElfHeader of(ElfFile elf) {
        boolean is64 = elf.ei_class == ElfFile.CLASS_64;
        return new ElfHeader(
                is64,
                elf.ei_data == ElfFile.DATA_MSB ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN,
                elf.e_type & 0xffff,
                elf.e_machine & 0xffff,
                is64 ? elf.e_entry : elf.e_entry & 0xffff_ffffL,
                elf.e_phoff,
                elf.e_phentsize & 0xffff,
                elf.e_phnum & 0xffff,
                elf.e_shoff,
                elf.e_shentsize & 0xffff,
                elf.e_shnum & 0xffff,
                elf.e_shstrndx & 0xffff);
    }
}
