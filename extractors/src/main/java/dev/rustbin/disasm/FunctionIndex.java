package dev.rustbin.disasm;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.ImageAnalyses;
import dev.rustbin.format.Section;
import dev.rustbin.format.Symbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of a binary's executable sections, sorted by address, to name the function holding
 * an instruction or a branch target. Where several symbols share a start (aliases, .symtab and
 * .dynsym copies) one is kept: the larger, then global before local, then the first by name.
 */
public final class FunctionIndex {

    /** A function's extent; {@code size} 0 means unknown: it then extends to the next function. */
    public record Function(String name, long address, long size, String section) {
    }

    private final Function[] functions;
    private final long[] starts;
    private final long[] ends;

    private FunctionIndex(List<Function> sorted, List<Section> executable) {
        this.functions = sorted.toArray(Function[]::new);
        this.starts = new long[functions.length];
        this.ends = new long[functions.length];
        Map<String, Long> sectionEnds = new HashMap<>();
        executable.forEach(s -> sectionEnds.putIfAbsent(s.name(), s.address() + s.size()));
        for (int i = 0; i < functions.length; i++) {
            Function f = functions[i];
            starts[i] = f.address();
            long sectionEnd = sectionEnds.getOrDefault(f.section(), f.address() + f.size());
            long next = i + 1 < functions.length ? sorted.get(i + 1).address() : sectionEnd;
            ends[i] = f.size() > 0 ? f.address() + f.size() : Math.min(next, sectionEnd);
        }
    }

    public static FunctionIndex of(BinaryImage image) {
        return ImageAnalyses.of(image, "function-index", FunctionIndex::build);
    }

    private static FunctionIndex build(BinaryImage image) {
        List<Section> executable = image.sections().stream().filter(s -> s.permissions().executable()).toList();
        Map<String, Section> code = new HashMap<>();
        executable.forEach(s -> code.putIfAbsent(s.name(), s));
        List<Symbol> candidates = new ArrayList<>();
        for (Symbol s : image.symbols()) {
            // Mach-O's __mh_execute_header counts as __text's although it lies before it
            Section section = s.defined() ? code.get(s.sectionName()) : null;
            if (section != null && s.address() >= section.address() && s.address() < section.address() + section.size()
                    && (s.type().equals("function") || s.type().equals("ifunc") || (s.type().equals("notype") && s.size() > 0))) {
                candidates.add(s);
            }
        }
        candidates.sort(Comparator.comparingLong(Symbol::address)
                .thenComparing(Comparator.comparingLong(Symbol::size).reversed())
                .thenComparing(s -> s.binding().equals("local"))
                .thenComparing(Symbol::name));
        List<Function> kept = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (Symbol s : candidates) {
            if (s.address() != last) {
                kept.add(new Function(s.name(), s.address(), s.size(), s.sectionName()));
                last = s.address();
            }
        }
        return new FunctionIndex(kept, executable);
    }

    /** The function whose extent holds {@code address}, or null. */
    public Function containing(long address) {
        int i = lastStartAtOrBefore(address);
        return i >= 0 && address < ends[i] ? functions[i] : null;
    }

    /** Every function with this exact name (a name can repeat: local symbols of different files). */
    public List<Function> named(String name) {
        List<Function> found = new ArrayList<>();
        for (Function f : functions) {
            if (f.name().equals(name)) {
                found.add(f);
            }
        }
        return found;
    }

    /** The end of a function's extent (its size, or up to the next function). */
    public long endOf(Function function) {
        int i = lastStartAtOrBefore(function.address());
        return ends[i];
    }

    private int lastStartAtOrBefore(long address) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= address) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
