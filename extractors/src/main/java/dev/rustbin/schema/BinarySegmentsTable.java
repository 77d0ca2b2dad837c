package dev.rustbin.schema;

import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Segment;
import java.util.List;

/** {@code binary_segments}: how the loader maps the file into memory (ELF program headers). */
public final class BinarySegmentsTable {

    private BinarySegmentsTable() {
    }

    public static final TableSchema<Segment> TABLE = TableSchema.ofImage("binary_segments",
            "One row per segment of each binary: ELF program headers, Mach-O segment commands (all LOAD), and for PE the regions the loader maps (the headers, then each section, all LOAD).",
            BinaryImage::segments,
            List.of(
                    Column.path(),
                    int32("segment_index", "index in the program header table (or among the segment commands, or loaded regions)", (b, s) -> s.index(), false),
                    utf8("segment_type", "type as readelf prints it: LOAD, DYNAMIC, INTERP, GNU_STACK, ...", (b, s) -> s.type(), false),
                    utf8("segment_name", "segment name where the format has one (Mach-O __TEXT; PE the section name, HEADERS for the headers); NULL for ELF", (b, s) -> s.name(), true),
                    uint64("virtual_address", "virtual address of the segment in memory", (b, s) -> s.virtualAddress(), false),
                    uint64("physical_address", "physical address field (usually equal to virtual_address)", (b, s) -> s.physicalAddress(), false),
                    uint64("memory_size", "bytes the segment occupies in memory", (b, s) -> s.memorySize(), false),
                    uint64("file_offset", "offset of the segment's bytes in the file", (b, s) -> s.fileOffset(), false),
                    uint64("file_size", "bytes the segment occupies in the file", (b, s) -> s.fileSize(), false),
                    utf8("permissions", "rwx flags of the mapping", (b, s) -> s.permissions().toString(), false),
                    bool("is_readable", "mapping is readable", (b, s) -> s.permissions().readable(), false),
                    bool("is_writable", "mapping is writable", (b, s) -> s.permissions().writable(), false),
                    bool("is_executable", "mapping is executable", (b, s) -> s.permissions().executable(), false),
                    uint64("alignment", "required alignment in bytes (PE SectionAlignment; 0 for Mach-O, which records none)", (b, s) -> s.alignment(), false)));
}
