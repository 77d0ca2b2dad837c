package dev.rustbin.schema;

import static dev.rustbin.schema.Column.binary;
import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import java.util.List;

/** {@code binary_sections}: the SOP's columns and types exactly, then what users need beyond them. */
public final class BinarySectionsTable {

    private BinarySectionsTable() {
    }

    public static final TableSchema<Section> TABLE = TableSchema.ofImage("binary_sections",
            "One row per section of each binary: the ELF section header table (with the null section 0), the sections of Mach-O segment commands, the PE section table.",
            BinaryImage::sections,
            List.of(
                    Column.path(),
                    utf8("section_name", "section name, e.g. .text, .rodata, .bss; Mach-O segment,section as in __TEXT,__text", (b, s) -> s.name(), false),
                    uint64("address", "virtual address of the section's start (0 for sections not loaded)", (b, s) -> s.address(), false),
                    uint64("size", "size of the section in bytes (in memory, for .bss; PE VirtualSize)", (b, s) -> s.size(), false),
                    binary("content", "raw bytes of the section from the file (file_size of them); empty for sections with no file bytes (.bss, zerofill)",
                            (b, s) -> b.image().contentOf(s), false),
                    utf8("permissions", "rwx flags of the section at run time; --- for sections not loaded", (b, s) -> s.permissions().toString(), false),
                    bool("is_executable", "section holds executable code", (b, s) -> s.permissions().executable(), false),
                    bool("is_writable", "section is writable at run time", (b, s) -> s.permissions().writable(), false),
                    bool("is_readable", "section is loaded into memory (and so readable) at run time", (b, s) -> s.permissions().readable(), false),
                    uint64("file_offset", "offset of the section's bytes in the file", (b, s) -> s.fileOffset(), false),
                    utf8("section_type", "ELF type as readelf prints it (PROGBITS, NOBITS, ...); Mach-O S_ type (regular, zerofill, cstring_literals, ...); PE contents (code, initialized_data, uninitialized_data)", (b, s) -> s.type(), false),
                    uint64("alignment", "required alignment in bytes", (b, s) -> s.alignment(), false),
                    int32("section_index", "index in the section header table (ELF, from 0); section number (Mach-O n_sect, PE), from 1", (b, s) -> s.index(), false),
                    uint64("entry_size", "size of one entry for table sections (symbols, relocations), else 0", (b, s) -> s.entrySize(), false),
                    uint64("flags", "raw flag bits of the format (ELF sh_flags, Mach-O section flags, PE Characteristics)", (b, s) -> s.flags(), false),
                    utf8("segment_name", "owning segment where the format names one (Mach-O); NULL for ELF", (b, s) -> s.segmentName(), true),
                    uint64("file_size", "bytes of the section stored in the file: 0 for .bss and zerofill, min(SizeOfRawData, VirtualSize) for PE", (b, s) -> s.fileSize(), false)));
}
