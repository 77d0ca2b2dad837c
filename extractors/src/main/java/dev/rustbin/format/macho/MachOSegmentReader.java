package dev.rustbin.format.macho;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import dev.rustbin.format.Permissions;
import dev.rustbin.format.Section;
import dev.rustbin.format.Segment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads LC_SEGMENT and LC_SEGMENT_64 commands into segments and the sections they carry. Sections are
 * numbered from 1 in command order, as symbols' n_sect refers to them.
 */
final class MachOSegmentReader {

    /** Segments and sections of one image, in file order. */
    record Layout(List<Segment> segments, List<Section> sections) {
    }

    private static final int S_ZEROFILL = 0x1;
    private static final int S_SYMBOL_STUBS = 0x8;
    private static final int S_GB_ZEROFILL = 0xc;
    private static final int S_THREAD_LOCAL_ZEROFILL = 0x12;
    private static final int S_ATTR_PURE_INSTRUCTIONS = 0x80000000;
    private static final int S_ATTR_SOME_INSTRUCTIONS = 0x400;
    private static final int VM_PROT_READ = 1;
    private static final int VM_PROT_WRITE = 2;
    private static final int VM_PROT_EXECUTE = 4;

    private final MappedFile file;
    private final FileView view;
    private final boolean is64;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    private MachOSegmentReader(MappedFile file, FileView view, boolean is64) {
        this.file = file;
        this.view = view;
        this.is64 = is64;
    }

    static Layout read(MappedFile file, FileView view, boolean is64, List<MachOLoadCommand> commands) {
        MachOSegmentReader reader = new MachOSegmentReader(file, view, is64);
        int wanted = is64 ? MachOLoadCommand.LC_SEGMENT_64 : MachOLoadCommand.LC_SEGMENT;
        for (MachOLoadCommand command : commands) {
            if (command.type() == wanted) {
                reader.readSegment(command);
            }
        }
        return new Layout(Collections.unmodifiableList(reader.segments), Collections.unmodifiableList(reader.sections));
    }

    private void readSegment(MachOLoadCommand command) {
        int headerSize = is64 ? 72 : 56;
        int sectionSize = is64 ? 80 : 68;
        MachOLoadCommandReader.requireSize(file, command, headerSize, "segment");
        int p = command.offset();
        String name = ByteFields.cString(view, p + 8, p + 24);
        long vmAddress = word(p + 24);
        long vmSize = word(p + (is64 ? 32 : 28));
        long fileOffset = word(p + (is64 ? 40 : 32));
        long fileSize = word(p + (is64 ? 48 : 36));
        int initProt = view.getInt(p + (is64 ? 60 : 44));
        long sectionCount = ByteFields.u32(view, p + (is64 ? 64 : 48));
        if (sectionCount > (command.size() - headerSize) / sectionSize) {
            throw new BinaryFormatException(file.path(), String.format(
                    "segment %s claims %d sections, more than its %d-byte load command holds", name, sectionCount, command.size()));
        }
        if (fileSize > 0 && !file.contains(fileOffset, fileSize)) {
            throw new BinaryFormatException(file.path(), String.format(
                    "segment %s spans file bytes 0x%x+0x%x, past the end of the file (%d bytes)", name, fileOffset, fileSize, file.size()));
        }
        Permissions permissions = new Permissions((initProt & VM_PROT_READ) != 0, (initProt & VM_PROT_WRITE) != 0,
                (initProt & VM_PROT_EXECUTE) != 0);
        // Every segment command maps a range, so all are LOAD; Mach-O records no segment alignment (0).
        segments.add(new Segment(segments.size(), "LOAD", name, vmAddress, vmAddress, vmSize, fileOffset, fileSize, 0, permissions));
        for (int i = 0; i < sectionCount; i++) {
            sections.add(readSection(p + headerSize + i * sectionSize, permissions));
        }
    }

    private Section readSection(int p, Permissions segmentPermissions) {
        String sectionName = ByteFields.cString(view, p, p + 16);
        String segmentName = ByteFields.cString(view, p + 16, p + 32);
        String name = segmentName + "," + sectionName;
        long address = word(p + 32);
        long size = word(p + (is64 ? 40 : 36));
        int fieldsAt = p + (is64 ? 48 : 40);
        long offset = ByteFields.u32(view, fieldsAt);
        int alignmentPower = view.getInt(fieldsAt + 4);
        int flags = view.getInt(fieldsAt + 16);
        long stubSize = ByteFields.u32(view, fieldsAt + 24);
        if (alignmentPower < 0 || alignmentPower > 63) {
            throw new BinaryFormatException(file.path(), "section " + name + " claims alignment 2^" + Integer.toUnsignedString(alignmentPower));
        }
        int type = flags & 0xff;
        boolean zeroFill = type == S_ZEROFILL || type == S_GB_ZEROFILL || type == S_THREAD_LOCAL_ZEROFILL;
        // Offset 0 marks a section whose bytes were left out (the __TEXT of a dSYM companion file).
        long fileSize = zeroFill || offset == 0 ? 0 : size;
        if (fileSize > 0 && !file.contains(offset, fileSize)) {
            throw new BinaryFormatException(file.path(), String.format(
                    "section %s spans file bytes 0x%x+0x%x, past the end of the file (%d bytes)", name, offset, size, file.size()));
        }
        boolean code = (flags & (S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS)) != 0;
        Permissions permissions = new Permissions(segmentPermissions.readable(), segmentPermissions.writable(), code);
        return new Section(sections.size() + 1, name, segmentName, MachONames.sectionType(flags), address, size, offset,
                1L << alignmentPower, type == S_SYMBOL_STUBS ? stubSize : 0, flags & 0xffff_ffffL, fileSize, permissions);
    }

    /** An address or size field: 64-bit in LC_SEGMENT_64, 32-bit unsigned in LC_SEGMENT. */
    private long word(int at) {
        return is64 ? view.getLong(at) : ByteFields.u32(view, at);
    }
}
