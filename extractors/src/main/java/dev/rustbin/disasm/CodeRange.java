package dev.rustbin.disasm;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.Section;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.ScanRequest.AddressRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stretch of an executable section to disassemble: decoding begins at {@code start}, a
 * {@link DecodeStarts restart}, sees the bytes up to {@code cut}, the next restart, and delivers the
 * instructions that begin before {@code stop}. {@link #plan} turns a query's predicates on section
 * name, symbol name and address into the fewest such stretches that hold every instruction the
 * query can see. As every stretch begins at a restart and is cut at the next, an address decodes
 * the same way whatever the query; a stop only ends the work early, and never cuts an instruction.
 */
public record CodeRange(Section section, long start, long cut, long stop) {

    /** Bytes handed to the decoder for this range (it may decode past {@code stop} up to {@code cut}). */
    public long length() {
        return cut - start;
    }


    public static List<CodeRange> plan(BinaryImage image, ScanRequest request) {
        Optional<Set<String>> sections = request.valuesOf("section_name");
        Optional<Set<String>> symbols = request.valuesOf("symbol_name");
        AddressRange addresses = request.rangeOf("address");
        FunctionIndex functions = FunctionIndex.of(image);
        DecodeStarts restarts = DecodeStarts.of(image);
        List<CodeRange> ranges = new ArrayList<>();
        for (Section section : image.sections()) {
            if (!section.permissions().executable() || section.fileSize() == 0
                    || sections.map(names -> !names.contains(section.name())).orElse(false)) {
                continue;
            }
            long sectionEnd = section.address() + section.fileSize();
            List<AddressRange> wanted = new ArrayList<>();
            if (symbols.isPresent()) {
                for (String name : symbols.get()) {
                    for (FunctionIndex.Function f : functions.named(name)) {
                        if (f.section().equals(section.name())) {
                            wanted.add(new AddressRange(f.address(), Math.min(functions.endOf(f), sectionEnd) - 1));
                        }
                    }
                }
            } else {
                wanted.add(new AddressRange(section.address(), sectionEnd - 1));
            }
            long[] starts = restarts.of(section);
            for (AddressRange range : merged(wanted, addresses)) {
                split(section, starts, range.lowest(), range.highest(), ranges);
            }
        }
        ranges.sort(Comparator.comparingLong(CodeRange::start));
        return ranges;
    }

    /** The wanted ranges within {@code addresses}, sorted, with overlapping ones joined. */
    private static List<AddressRange> merged(List<AddressRange> wanted, AddressRange addresses) {
        List<AddressRange> clipped = new ArrayList<>();
        for (AddressRange range : wanted) {
            AddressRange overlap = range.intersect(addresses);
            if (!overlap.isEmpty()) {
                clipped.add(overlap);
            }
        }
        clipped.sort(Comparator.comparingLong(AddressRange::lowest));
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange range : clipped) {
            AddressRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && range.lowest() <= last.highest() + 1) {
                out.set(out.size() - 1, new AddressRange(last.lowest(), Math.max(last.highest(), range.highest())));
            } else {
                out.add(range);
            }
        }
        return out;
    }

    /**
     * Adds the stretches that hold [{@code lowest}, {@code highest}]: one per restart, from the last
     * restart at or before {@code lowest} on. A stretch the previous range already began is
     * extended instead, so no instruction is delivered twice.
     */
    private static void split(Section section, long[] starts, long lowest, long highest, List<CodeRange> out) {
        long sectionEnd = section.address() + section.fileSize();
        for (int i = DecodeStarts.firstAtOrAbove(starts, lowest + 1) - 1; i < starts.length && starts[i] <= highest; i++) {
            long cut = i + 1 < starts.length ? starts[i + 1] : sectionEnd;
            CodeRange range = new CodeRange(section, starts[i], cut, Math.min(cut, highest + 1));
            CodeRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.section().equals(section) && last.start() == range.start()) {
                out.set(out.size() - 1, range);
            } else {
                out.add(range);
            }
        }
    }
}
