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
 * A stretch of an executable section to disassemble. {@link #plan} turns a query's predicates on
 * section name, symbol name and address into the smallest set of stretches that still holds every
 * instruction the query can see; a stretch always starts on an instruction boundary (a section or
 * function start), never inside an instruction.
 */
public record CodeRange(Section section, long start, long end) {

    public long length() {
        return end - start;
    }

    public static List<CodeRange> plan(BinaryImage image, ScanRequest request) {
        Optional<Set<String>> sections = request.valuesOf("section_name");
        Optional<Set<String>> symbols = request.valuesOf("symbol_name");
        AddressRange addresses = request.rangeOf("address");
        FunctionIndex functions = FunctionIndex.of(image);
        List<CodeRange> ranges = new ArrayList<>();
        for (Section section : image.sections()) {
            if (!section.permissions().executable() || section.fileSize() == 0
                    || sections.map(names -> !names.contains(section.name())).orElse(false)) {
                continue;
            }
            List<CodeRange> wanted = new ArrayList<>();
            if (symbols.isPresent()) {
                for (String name : symbols.get()) {
                    for (FunctionIndex.Function f : functions.named(name)) {
                        if (f.section().equals(section.name())) {
                            wanted.add(new CodeRange(section, f.address(), Math.min(functions.endOf(f), section.address() + section.fileSize())));
                        }
                    }
                }
            } else {
                wanted.add(new CodeRange(section, section.address(), section.address() + section.fileSize()));
            }
            for (CodeRange range : wanted) {
                CodeRange clipped = range.clip(addresses, functions);
                if (clipped != null) {
                    ranges.add(clipped);
                }
            }
        }
        ranges.sort(Comparator.comparingLong(CodeRange::start));
        return ranges;
    }

    /**
     * The part of this range inside {@code addresses}, its start moved back to the start of the
     * function holding it so decoding begins on an instruction boundary; null when nothing is left.
     */
    private CodeRange clip(AddressRange addresses, FunctionIndex functions) {
        AddressRange overlap = addresses.intersect(new AddressRange(start, end - 1));
        if (overlap.isEmpty()) {
            return null;
        }
        long from = overlap.lowest();
        if (from > start) {
            FunctionIndex.Function holder = functions.containing(from);
            from = holder != null && holder.address() >= start ? holder.address() : start;
        }
        return new CodeRange(section, from, overlap.highest() + 1);
    }
}
