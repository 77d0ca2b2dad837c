package dev.rustbin.memory.core;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Segment;
import java.nio.file.Path;
import java.util.List;

/**
 * The permissions the loader gave a page of a mapped file: those of the loadable segment whose
 * pages hold its address. A file page can be mapped twice (the end of one segment and the start of
 * the next share it), so the address decides, not the file offset.
 */
final class FileSegmentPermissions {

    private static final String UNKNOWN = "r--p";

    private FileSegmentPermissions() {
    }

    /**
     * @param base    where the file's first page (offset 0) is mapped
     * @param address the runtime address of the page
     */
    static String at(Path file, long base, long address) {
        try (BinaryImage image = BinaryOpener.open(file)) {
            List<Segment> loads = image.segments().stream().filter(s -> "LOAD".equals(s.type())).toList();
            if (loads.isEmpty()) {
                return UNKNOWN;
            }
            long bias = base - (loads.get(0).virtualAddress() & ~0xfffL);
            long linked = address - bias;
            for (Segment s : loads) {
                if (linked >= (s.virtualAddress() & ~0xfffL) && linked < s.virtualAddress() + s.memorySize()) {
                    return s.permissions().toString() + "p";
                }
            }
            return UNKNOWN;
        } catch (BinaryFormatException e) {
            return UNKNOWN;
        }
    }
}
