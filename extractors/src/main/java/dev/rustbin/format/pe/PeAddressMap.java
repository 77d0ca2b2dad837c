package dev.rustbin.format.pe;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.FileView;
import dev.rustbin.format.MappedFile;
import java.util.List;

/** Turns relative virtual addresses (RVAs) into file offsets through the section whose raw data holds them. */
final class PeAddressMap {

    private final MappedFile file;
    private final FileView view;
    private final List<PeSectionHeader> sections;
    private final long sizeOfHeaders;

    PeAddressMap(MappedFile file, FileView view, List<PeSectionHeader> sections, long sizeOfHeaders) {
        this.file = file;
        this.view = view;
        this.sections = sections;
        this.sizeOfHeaders = sizeOfHeaders;
    }

    /** Where {@code rva} lies in the file, and where the file bytes that hold it end. */
    private record Range(long start, long end) {
    }

    /** The file offset of {@code length} bytes at {@code rva}; they must all be file bytes of one section (or the headers). */
    long offset(long rva, long length, String what) {
        Range range = range(rva, what);
        if (length < 0 || range.start() + length > range.end()) {
            throw new BinaryFormatException(file.path(), String.format(
                    "%s at RVA 0x%x+0x%x runs past the file bytes of its section", what, rva, length));
        }
        return range.start();
    }

    /** The NUL-terminated text at {@code rva}, cut at the end of its section's file bytes. */
    String text(long rva, String what) {
        Range range = range(rva, what);
        if (range.start() >= range.end()) {
            throw new BinaryFormatException(file.path(), String.format("%s at RVA 0x%x has no file bytes", what, rva));
        }
        return ByteFields.cString(view, range.start(), range.end());
    }

    private Range range(long rva, String what) {
        if (rva < sizeOfHeaders) {
            return new Range(rva, Math.min(sizeOfHeaders, file.size()));
        }
        PeSectionHeader section = sections.stream().filter(s -> s.containsRva(rva)).findFirst().orElseThrow(
                () -> new BinaryFormatException(file.path(), String.format("%s at RVA 0x%x lies in no section", what, rva)));
        return new Range(section.rawOffset() + (rva - section.virtualAddress()), section.rawOffset() + section.fileSize());
    }
}
