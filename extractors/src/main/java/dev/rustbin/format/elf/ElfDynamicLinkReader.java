package dev.rustbin.format.elf;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.Export;
import dev.rustbin.format.FileView;
import dev.rustbin.format.Import;
import dev.rustbin.format.LinkedLibrary;
import dev.rustbin.format.MappedFile;
import dev.rustbin.format.StringTable;
import dev.rustbin.format.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ELF file links against and offers: DT_NEEDED libraries from .dynamic, imports (undefined
 * .dynsym entries, with the library and version their .gnu.version_r requirement names) and exports
 * (defined global and weak .dynsym entries that other objects can see).
 */
final class ElfDynamicLinkReader {

    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int SHT_GNU_VERSYM = 0x6fffffff;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_FLAGS_1 = 0x6ffffffbL;
    private static final long DF_1_PIE = 0x08000000L;
    private static final int VERSYM_INDEX = 0x7fff;

    /** A version requirement: the library (vn_file) and version name (vna_name) of one vna_other index. */
    private record Requirement(String library, String version) {
    }

    private final MappedFile file;
    private final FileView view;
    private final boolean is64;
    private final List<ElfSectionHeader> headers;

    ElfDynamicLinkReader(MappedFile file, FileView view, boolean is64, List<ElfSectionHeader> headers) {
        this.file = file;
        this.view = view;
        this.is64 = is64;
        this.headers = headers;
    }

    List<LinkedLibrary> libraries() {
        List<LinkedLibrary> out = new ArrayList<>();
        for (ElfSectionHeader dynamic : ofType(SHT_DYNAMIC)) {
            StringTable strings = linkedStrings(dynamic, ".dynamic");
            forEachEntry(dynamic, (tag, value) -> {
                if (tag == DT_NEEDED) {
                    out.add(new LinkedLibrary(out.size(), strings.get(value), "needed", false));
                }
            });
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether DT_FLAGS_1 has DF_1_PIE, which linkers set on position-independent executables only. */
    boolean isPositionIndependentExecutable() {
        boolean[] pie = new boolean[1];
        for (ElfSectionHeader dynamic : ofType(SHT_DYNAMIC)) {
            forEachEntry(dynamic, (tag, value) -> pie[0] |= tag == DT_FLAGS_1 && (value & DF_1_PIE) != 0);
        }
        return pie[0];
    }

    private interface EntrySink {
        void entry(long tag, long value);
    }

    /** The (tag, value) entries of a .dynamic section up to DT_NULL. */
    private void forEachEntry(ElfSectionHeader dynamic, EntrySink sink) {
        int entrySize = is64 ? 16 : 8;
        for (long p = dynamic.offset(); p + entrySize <= dynamic.offset() + dynamic.size(); p += entrySize) {
            long tag = is64 ? view.getLong(p) : view.getInt(p);
            long value = is64 ? view.getLong(p + 8) : ByteFields.u32(view, p + 4);
            if (tag == DT_NULL) {
                break;
            }
            sink.entry(tag, value);
        }
    }

    /** {@code symbols} is the image's symbol list, whose leading dynamic entries are .dynsym 1, 2, ... */
    List<Import> imports(List<Symbol> symbols) {
        int[] versionIndexes = versionIndexes();
        Map<Integer, Requirement> requirements = requirements();
        List<Import> out = new ArrayList<>();
        for (int i = 0; i < symbols.size() && symbols.get(i).dynamic(); i++) {
            Symbol s = symbols.get(i);
            if (!s.defined() && !s.binding().equals("local")) {
                int dynsymIndex = i + 1;
                Requirement r = dynsymIndex < versionIndexes.length ? requirements.get(versionIndexes[dynsymIndex]) : null;
                out.add(new Import(s.name(), r == null ? null : r.library(), null, null, r == null ? null : r.version(),
                        s.binding().equals("weak")));
            }
        }
        return Collections.unmodifiableList(out);
    }

    static List<Export> exports(List<Symbol> symbols) {
        List<Export> out = new ArrayList<>();
        for (Symbol s : symbols) {
            boolean visible = s.visibility().equals("default") || s.visibility().equals("protected");
            if (s.dynamic() && s.defined() && !s.binding().equals("local") && visible) {
                out.add(new Export(s.name(), s.address(), null, null));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** .gnu.version: one version index per .dynsym entry (0 and 1 mean unversioned). */
    private int[] versionIndexes() {
        List<ElfSectionHeader> versym = ofType(SHT_GNU_VERSYM);
        if (versym.isEmpty()) {
            return new int[0];
        }
        ElfSectionHeader h = versym.get(0);
        int[] indexes = new int[(int) (h.size() / 2)];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = ByteFields.u16(view, h.offset() + 2L * i) & VERSYM_INDEX;
        }
        return indexes;
    }

    /** .gnu.version_r: a chain of Verneed entries (one per library), each with a chain of Vernaux versions. */
    private Map<Integer, Requirement> requirements() {
        Map<Integer, Requirement> out = new HashMap<>();
        for (ElfSectionHeader h : ofType(SHT_GNU_VERNEED)) {
            StringTable strings = linkedStrings(h, ".gnu.version_r");
            long need = 0;
            // Each entry is at least 16 bytes, which bounds the walk even if the chain loops.
            for (long steps = 0; steps <= h.size() / 16 && need + 16 <= h.size(); steps++) {
                long p = h.offset() + need;
                int auxCount = ByteFields.u16(view, p + 2);
                String library = strings.get(ByteFields.u32(view, p + 4));
                long aux = need + ByteFields.u32(view, p + 8);
                for (int k = 0; k < auxCount && aux >= 0 && aux + 16 <= h.size(); k++) {
                    long a = h.offset() + aux;
                    out.put(ByteFields.u16(view, a + 6), new Requirement(library, strings.get(ByteFields.u32(view, a + 8))));
                    aux += ByteFields.u32(view, a + 12);
                }
                long next = ByteFields.u32(view, p + 12);
                if (next == 0) {
                    break;
                }
                need += next;
            }
        }
        return out;
    }

    private List<ElfSectionHeader> ofType(int type) {
        return headers.stream().filter(h -> h.type() == type).toList();
    }

    private StringTable linkedStrings(ElfSectionHeader h, String what) {
        int link = h.link();
        if (link <= 0 || link >= headers.size() || headers.get(link).type() != ElfSectionHeader.SHT_STRTAB) {
            throw new BinaryFormatException(file.path(), what + " links to section " + link + ", which is not a string table");
        }
        ElfSectionHeader strings = headers.get(link);
        return new StringTable(file.path(), "the string table of " + what, file.slice(strings.offset(), strings.size(), "the string table of " + what));
    }
}
