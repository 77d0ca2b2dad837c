package dev.rustbin.format.macho;

import dev.rustbin.format.Export;
import dev.rustbin.format.Import;
import dev.rustbin.format.LinkedLibrary;
import dev.rustbin.format.Section;
import dev.rustbin.format.Symbol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** nlist entries as rows of binary_symbols, binary_imports and binary_exports. */
final class MachOSymbolMapper {

    private static final int SELF_LIBRARY_ORDINAL = 0;

    private MachOSymbolMapper() {
    }

    /** The name of a function start no symbol names, as {@link #symbols} gives it. */
    static String functionStartName(long address) {
        return "func_0x" + Long.toHexString(address);
    }

    /**
     * Every entry, STABS debugging entries included (as type "debug"), as llvm-objdump -t and
     * llvm-readobj list them, then one local function per LC_FUNCTION_STARTS entry that no defined
     * symbol names ({@link #functionStartName}): a stripped executable keeps only its exports, so
     * without them every instruction would belong to __mh_execute_header. Mach-O records no sizes: a
     * defined symbol extends to the next symbol or function start in its section, or to its end.
     */
    static List<Symbol> symbols(List<MachOSymbolEntry> entries, List<Section> sections, long[] functionStarts) {
        long[][] boundaries = boundaries(entries, sections, functionStarts);
        List<Symbol> out = new ArrayList<>(entries.size() + functionStarts.length);
        for (MachOSymbolEntry e : entries) {
            Section section = e.section() >= 1 && e.section() <= sections.size() ? sections.get(e.section() - 1) : null;
            String binding = e.isExternal() && !e.isDebug() ? (e.isWeak() ? "weak" : "global") : "local";
            String visibility = e.isPrivateExternal() && !e.isDebug() ? "hidden" : "default";
            String type;
            String sectionName;
            long size = 0;
            boolean defined = true;
            if (e.isDebug()) {
                type = "debug";
                sectionName = section == null ? null : section.name();
            } else if (e.kind() == MachOSymbolEntry.N_SECT && section != null) {
                type = section.permissions().executable() ? "function" : "variable";
                sectionName = section.name();
                // ld puts __mh_execute_header in __text's number at the image base, before the section.
                boolean inSection = Long.compareUnsigned(e.value(), section.address()) >= 0
                        && Long.compareUnsigned(e.value(), section.address() + section.size()) < 0;
                size = inSection ? sizeOf(e.value(), boundaries[e.section()]) : 0;
            } else if (e.kind() == MachOSymbolEntry.N_ABS) {
                type = "notype";
                sectionName = "*ABS*";
            } else if (e.kind() == MachOSymbolEntry.N_UNDF && e.isExternal() && e.value() != 0) {
                // An undefined external with a value is a common symbol of that size.
                type = "common";
                sectionName = "*COM*";
                size = e.value();
            } else {
                type = "notype";
                sectionName = null;
                defined = e.kind() != MachOSymbolEntry.N_UNDF && e.kind() != MachOSymbolEntry.N_PBUD;
            }
            long address = type.equals("common") ? 0 : e.value();
            out.add(new Symbol(e.name(), type, address, size, sectionName, binding, visibility, false, defined));
        }
        addUnnamedFunctionStarts(entries, sections, functionStarts, boundaries, out);
        return Collections.unmodifiableList(out);
    }

    private static void addUnnamedFunctionStarts(List<MachOSymbolEntry> entries, List<Section> sections, long[] functionStarts,
                                                 long[][] boundaries, List<Symbol> out) {
        Set<Long> named = new HashSet<>();
        for (MachOSymbolEntry e : entries) {
            if (!e.isDebug() && e.kind() == MachOSymbolEntry.N_SECT) {
                named.add(e.value());
            }
        }
        for (long start : functionStarts) {
            int number = sectionHolding(sections, start);
            if (number > 0 && !named.contains(start)) {
                out.add(new Symbol(functionStartName(start), "function", start, sizeOf(start, boundaries[number]),
                        sections.get(number - 1).name(), "local", "default", false, true));
            }
        }
    }

    /** The number (from 1) of the executable section holding an address, or 0. */
    private static int sectionHolding(List<Section> sections, long address) {
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            if (s.permissions().executable() && Long.compareUnsigned(address, s.address()) >= 0
                    && Long.compareUnsigned(address, s.address() + s.size()) < 0) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Undefined externals; with a two-level namespace each names the library expected to define it. */
    static List<Import> imports(List<MachOSymbolEntry> entries, List<LinkedLibrary> libraries, boolean twoLevel) {
        List<Import> out = new ArrayList<>();
        for (MachOSymbolEntry e : entries) {
            if (e.isImport()) {
                int ordinal = e.libraryOrdinal();
                // Ordinal 0 is the image itself; 0xfe and 0xff are the main executable and flat lookup.
                String library = twoLevel && ordinal != SELF_LIBRARY_ORDINAL && ordinal <= libraries.size()
                        ? libraries.get(ordinal - 1).name() : null;
                out.add(new Import(e.name(), library, null, null, null, e.isWeak()));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** External definitions that are not private externs: what other images can bind to. */
    static List<Export> exports(List<MachOSymbolEntry> entries) {
        List<Export> out = new ArrayList<>();
        for (MachOSymbolEntry e : entries) {
            if (e.isExport()) {
                out.add(new Export(e.name(), e.value(), null, null));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Per section number: sorted, distinct addresses where something starts, ending with the section's end. */
    private static long[][] boundaries(List<MachOSymbolEntry> entries, List<Section> sections, long[] functionStarts) {
        long[][] points = new long[sections.size() + 1][];
        int[] counts = new int[sections.size() + 1];
        for (int s = 1; s <= sections.size(); s++) {
            points[s] = new long[8];
            add(points, counts, s, sections.get(s - 1).address() + sections.get(s - 1).size());
        }
        for (MachOSymbolEntry e : entries) {
            if (!e.isDebug() && e.kind() == MachOSymbolEntry.N_SECT && e.section() >= 1 && e.section() <= sections.size()) {
                add(points, counts, e.section(), e.value());
            }
        }
        for (int s = 1; s <= sections.size(); s++) {
            Section section = sections.get(s - 1);
            if (section.permissions().executable()) {
                for (long start : functionStarts) {
                    if (Long.compareUnsigned(start, section.address()) >= 0
                            && Long.compareUnsigned(start, section.address() + section.size()) < 0) {
                        add(points, counts, s, start);
                    }
                }
            }
            long[] sorted = Arrays.copyOf(points[s], counts[s]);
            Arrays.sort(sorted);
            points[s] = sorted;
        }
        return points;
    }

    private static void add(long[][] points, int[] counts, int section, long address) {
        if (counts[section] == points[section].length) {
            points[section] = Arrays.copyOf(points[section], counts[section] * 2);
        }
        points[section][counts[section]++] = address;
    }

    /** Distance to the first boundary above {@code address}, which lies inside the boundaries' section. */
    private static long sizeOf(long address, long[] boundaries) {
        int i = Arrays.binarySearch(boundaries, address);
        int next = i >= 0 ? i + 1 : -i - 1;
        while (next < boundaries.length && boundaries[next] == address) {
            next++;
        }
        return next < boundaries.length ? boundaries[next] - address : 0;
    }
}
