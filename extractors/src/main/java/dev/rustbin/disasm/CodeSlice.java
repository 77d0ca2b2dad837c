package dev.rustbin.disasm;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import dev.rustbin.schema.ScanRequest.AddressRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stretch of one executable section that can be disassembled apart from the rest: it begins at a
 * decode restart and ends just before the next slice's, so scanning each slice (a section name and
 * an address range in a {@code ScanRequest}) yields every instruction exactly once, decoded as a
 * whole-binary scan decodes it. Lets an engine spread one large binary's code over several tasks.
 */
public record CodeSlice(String section, AddressRange addresses) {

    /**
     * Cuts the executable sections into slices of at least {@code bytes} (a function longer than that
     * is one slice); empty when the sections cannot be told apart by name and address (object files
     * put every section at address 0), as then a slice's request would also see other sections.
     */
    public static List<CodeSlice> of(BinaryImage image, long bytes) {
        List<Section> code = image.sections().stream()
                .filter(s -> s.permissions().executable() && s.fileSize() > 0)
                .sorted(Comparator.comparingLong(Section::address)).toList();
        if (!distinct(code)) {
            return List.of();
        }
        DecodeStarts restarts = DecodeStarts.of(image);
        List<CodeSlice> slices = new ArrayList<>();
        for (Section section : code) {
            long from = section.address();
            for (long start : restarts.of(section)) {
                if (start - from >= bytes) {
                    slices.add(new CodeSlice(section.name(), new AddressRange(from, start - 1)));
                    from = start;
                }
            }
            slices.add(new CodeSlice(section.name(), new AddressRange(from, section.address() + section.fileSize() - 1)));
        }
        return slices;
    }

    private static boolean distinct(List<Section> byAddress) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < byAddress.size(); i++) {
            Section s = byAddress.get(i);
            if (!names.add(s.name())
                    || (i > 0 && Long.compareUnsigned(byAddress.get(i - 1).address() + byAddress.get(i - 1).fileSize(), s.address()) > 0)) {
                return false;
            }
        }
        return true;
    }
}
