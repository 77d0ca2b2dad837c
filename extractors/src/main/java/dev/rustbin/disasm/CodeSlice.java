package dev.rustbin.disasm;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import dev.rustbin.schema.ScanRequest.AddressRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stretch of executable code that can be disassembled apart from the rest: it begins at a decode
 * restart and ends just before the next slice's, so scanning each slice (its section names and
 * address range in a {@code ScanRequest}) yields every instruction exactly once, decoded as a
 * whole-binary scan decodes it. Lets an engine spread one large binary's code over several tasks.
 * Small sections next to each other (.init, .plt, .plt.got) share a slice.
 */
public record CodeSlice(Set<String> sections, AddressRange addresses) {

    /**
     * Cuts the executable sections, in address order, into slices of at least {@code bytes} of
     * address space (a function longer than that is one slice); empty when the sections cannot be
     * told apart by name and address (object files put every section at address 0), as then a
     * slice's request would also see other sections.
     */
    public static List<CodeSlice> of(BinaryImage image, long bytes) {
        List<Section> code = image.sections().stream()
                .filter(s -> s.permissions().executable() && s.fileSize() > 0)
                .sorted(Comparator.comparingLong(Section::address)).toList();
        if (code.isEmpty() || !distinct(code)) {
            return List.of();
        }
        Section last = code.get(code.size() - 1);
        long end = last.address() + last.fileSize();
        if (end - code.get(0).address() <= bytes) {
            // one slice: the section headers tell, without the symbols that finding restarts needs
            return List.of(new CodeSlice(code.stream().map(Section::name).collect(Collectors.toUnmodifiableSet()),
                    new AddressRange(code.get(0).address(), end - 1)));
        }
        DecodeStarts restarts = DecodeStarts.of(image);
        List<CodeSlice> slices = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        long from = code.get(0).address();
        for (Section section : code) {
            long[] starts = restarts.of(section);
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] - from >= bytes) {
                    slices.add(new CodeSlice(Set.copyOf(names), new AddressRange(from, starts[i] - 1)));
                    names.clear();
                    from = starts[i];
                }
                // the slice open now holds this section from its first restart, or from the cut just made
                if (i == 0 || from == starts[i]) {
                    names.add(section.name());
                }
            }
        }
        slices.add(new CodeSlice(Set.copyOf(names), new AddressRange(from, end - 1)));
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
