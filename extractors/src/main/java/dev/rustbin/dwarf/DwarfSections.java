package dev.rustbin.dwarf;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code .debug_*} sections of one file, each served on first use: straight from the file's
 * mapping, or inflated once when the section is compressed. A section the file lacks is empty.
 */
public final class DwarfSections {

    /** Mach-O keeps DWARF in the __DWARF segment under the same names with two underscores. */
    private static final String MACHO_SEGMENT = "__DWARF,__";

    private final BinaryImage image;
    private final Map<String, ByteBuffer> loaded = new HashMap<>();

    public DwarfSections(BinaryImage image) {
        this.image = image;
    }

    public BinaryImage image() {
        return image;
    }

    public Path path() {
        return image.path();
    }

    /** Whether the file has DWARF a line or function query can use. */
    public boolean hasDebugInfo() {
        return find(".debug_info") != null || find(".debug_line") != null;
    }

    /** The bytes of a section by its ELF name (".debug_line"), little-endian, or an empty buffer. */
    public synchronized ByteBuffer get(String name) {
        ByteBuffer bytes = loaded.get(name);
        if (bytes == null) {
            Section section = find(name);
            bytes = section == null ? ByteBuffer.allocate(0) : SectionDecompressor.content(image, section);
            loaded.put(name, bytes.order(ByteOrder.LITTLE_ENDIAN));
        }
        return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    private Section find(String name) {
        String zname = ".z" + name.substring(1);
        String machoName = MACHO_SEGMENT + name.substring(1);
        for (Section s : image.sections()) {
            if (s.fileSize() > 0 && (s.name().equals(name) || s.name().equals(zname) || s.name().equals(machoName))) {
                return s;
            }
        }
        return null;
    }
}
