package dev.rustbin.format.elf;

import dev.rustbin.format.BinaryFormat;
import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryInfo;
import dev.rustbin.format.ByteFields;
import dev.rustbin.format.Export;
import dev.rustbin.format.FileView;
import dev.rustbin.format.Import;
import dev.rustbin.format.LinkedLibrary;
import dev.rustbin.format.MappedBinaryImage;
import dev.rustbin.format.MappedFile;
import dev.rustbin.format.Permissions;
import dev.rustbin.format.Section;
import dev.rustbin.format.Segment;
import dev.rustbin.format.StringTable;
import dev.rustbin.format.Symbol;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * An ELF binary on a read-only mapping. The file header, program and section headers, string tables
 * and symbols are read here with bounds checks at 64-bit file offsets (see {@link ElfSectionTableReader}).
 * Sections are read on open so a corrupt table fails at once; symbols on first use.
 */
public final class ElfImage extends MappedBinaryImage {

    private static final String RUSTC_COMMENT = "rustc version ";

    private final FileView view;
    private final ElfHeader header;
    private final List<ElfSectionHeader> sectionHeaders;
    private final List<Section> sections;
    private final List<Segment> segments;
    private ElfRelativeRelocations relocations;
    private Section[] byAddress;
    private long[] frameStarts;

    private ElfImage(MappedFile file) {
        super(file, BinaryFormat.ELF);
        this.header = ElfHeader.read(file);
        this.view = file.view(header.byteOrder());
        this.sectionHeaders = ElfSectionTableReader.read(file, view, header);
        this.sections = readSections();
        this.segments = readSegments();
    }

    /** Opens an ELF file; any structural problem becomes a {@link BinaryFormatException} naming the file. */
    public static ElfImage open(MappedFile file) {
        return opening(file, BinaryFormat.ELF, () -> {
            if (file.size() < 52) {
                throw new BinaryFormatException(file.path(), "truncated ELF header (" + file.size() + " bytes)");
            }
            return new ElfImage(file);
        });
    }

    @Override
    public List<Section> sections() {
        return sections;
    }

    @Override
    public List<Segment> segments() {
        return segments;
    }

    @Override
    public List<LinkedLibrary> libraries() {
        return guarded(() -> new ElfDynamicLinkReader(file, view, header.is64(), sectionHeaders).libraries());
    }

    @Override
    public List<Import> imports() {
        return guarded(() -> new ElfDynamicLinkReader(file, view, header.is64(), sectionHeaders).imports(symbols()));
    }

    @Override
    public List<Export> exports() {
        return guarded(() -> ElfDynamicLinkReader.exports(symbols()));
    }

    @Override
    public OptionalLong pointerAt(long address) {
        Section section = fileBackedSectionAt(address);
        int width = header.is64() ? 8 : 4;
        if (section == null || Long.compareUnsigned(address - section.address() + width, section.fileSize()) > 0) {
            return OptionalLong.empty();
        }
        Long addend = relativeRelocations().addendAt(address);
        if (addend != null) {
            return OptionalLong.of(addend);
        }
        long at = section.fileOffset() + (address - section.address());
        return OptionalLong.of(header.is64() ? view.getLong(at) : view.getInt(at) & 0xffff_ffffL);
    }

    @Override
    public synchronized long[] functionStarts() {
        if (frameStarts == null) {
            Section ehFrame = sections.stream().filter(s -> s.name().equals(".eh_frame") && s.fileSize() > 0).findFirst().orElse(null);
            frameStarts = ehFrame == null ? new long[0]
                    : guarded(() -> ElfFrameStarts.read(file.path(), ehFrame, contentOf(ehFrame).order(header.byteOrder()), header.is64()));
        }
        return frameStarts;
    }

    private synchronized ElfRelativeRelocations relativeRelocations() {
        if (relocations == null) {
            relocations = guarded(() -> ElfRelativeRelocations.read(file, view, header, sectionHeaders));
        }
        return relocations;
    }

    /** The loaded, file-backed section holding an address (binary search over start addresses). */
    private synchronized Section fileBackedSectionAt(long address) {
        if (byAddress == null) {
            byAddress = sections.stream().filter(s -> s.permissions().readable() && s.fileSize() > 0)
                    .sorted((a, b) -> Long.compareUnsigned(a.address(), b.address())).toArray(Section[]::new);
        }
        int lo = 0;
        int hi = byAddress.length - 1;
        Section found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(byAddress[mid].address(), address) <= 0) {
                found = byAddress[mid];
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found != null && Long.compareUnsigned(address - found.address(), found.fileSize()) < 0 ? found : null;
    }

    private List<Section> readSections() {
        if (sectionHeaders.isEmpty()) {
            return List.of();
        }
        int nameIndex = ElfSectionTableReader.nameTableIndex(header, sectionHeaders);
        StringTable names = null;
        if (nameIndex > 0 && nameIndex < sectionHeaders.size()) {
            ElfSectionHeader table = sectionHeaders.get(nameIndex);
            names = new StringTable(file.path(), "the section name table", file.slice(table.offset(), table.size(), "the section name table"));
        }
        List<Section> out = new ArrayList<>(sectionHeaders.size());
        for (ElfSectionHeader h : sectionHeaders) {
            String name = names == null ? "" : names.get(h.nameOffset());
            boolean alloc = (h.flags() & ElfSectionHeader.SHF_ALLOC) != 0;
            Permissions permissions = new Permissions(alloc,
                    (h.flags() & ElfSectionHeader.SHF_WRITE) != 0,
                    (h.flags() & ElfSectionHeader.SHF_EXECINSTR) != 0);
            out.add(new Section(h.index(), name, null, ElfNames.sectionType(h.type()), h.address(), h.size(),
                    h.offset(), h.alignment(), h.entrySize(), h.flags(), h.hasFileBytes() ? h.size() : 0, permissions));
        }
        return Collections.unmodifiableList(out);
    }

    private List<Segment> readSegments() {
        int count = header.programHeaderCount();
        if (count == 0 || header.programHeaderOffset() == 0) {
            return List.of();
        }
        int entrySize = header.is64() ? 56 : 32;
        if (header.programHeaderEntrySize() != entrySize) {
            throw new BinaryFormatException(file.path(), "program header entry size is " + header.programHeaderEntrySize() + ", expected " + entrySize);
        }
        if (!file.contains(header.programHeaderOffset(), (long) count * entrySize)) {
            throw new BinaryFormatException(file.path(), String.format(
                    "program header table at 0x%x (%d entries) lies past the end of the file", header.programHeaderOffset(), count));
        }
        List<Segment> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long p = header.programHeaderOffset() + (long) i * entrySize;
            boolean is64 = header.is64();
            int type = view.getInt(p);
            int flags = view.getInt(p + (is64 ? 4 : 24));
            out.add(new Segment(i, ElfNames.segmentType(type), null, word(p + (is64 ? 16 : 8)), word(p + (is64 ? 24 : 12)),
                    word(p + (is64 ? 40 : 20)), word(p + (is64 ? 8 : 4)), word(p + (is64 ? 32 : 16)), word(p + (is64 ? 48 : 28)),
                    new Permissions((flags & 4) != 0, (flags & 2) != 0, (flags & 1) != 0)));
        }
        return Collections.unmodifiableList(out);
    }

    /** An address-sized field: 8 bytes in a 64-bit file, 4 (unsigned) in a 32-bit one. */
    private long word(long at) {
        return header.is64() ? view.getLong(at) : ByteFields.u32(view, at);
    }

    @Override
    protected List<Symbol> readSymbols() {
        List<Symbol> out = new ArrayList<>();
        ElfSymbolTableReader reader = new ElfSymbolTableReader(file, view, header.is64(), sectionHeaders, sections);
        // .dynsym first, then .symtab: the order readelf -s prints them in.
        for (int type : new int[] {ElfSectionHeader.SHT_DYNSYM, ElfSectionHeader.SHT_SYMTAB}) {
            for (ElfSectionHeader h : sectionHeaders) {
                if (h.type() == type) {
                    reader.read(h, out);
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    protected BinaryInfo readInfo() {
        String interpreter = segmentText("INTERP");
        boolean stripped = sectionHeaders.stream().noneMatch(h -> h.type() == ElfSectionHeader.SHT_SYMTAB);
        boolean debugInfo = sections.stream().anyMatch(s -> s.name().equals(".debug_info") || s.name().equals(".zdebug_info"));
        return new BinaryInfo(
                BinaryFormat.ELF,
                ElfNames.machine(header.machine()),
                header.is64() ? 64 : 32,
                header.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big",
                ElfNames.fileType(header.fileType(), new ElfDynamicLinkReader(file, view, header.is64(), sectionHeaders).isPositionIndependentExecutable()),
                header.entry(),
                buildId(),
                interpreter,
                stripped,
                debugInfo,
                rustcVersion(),
                null,
                null);
    }

    private String buildId() {
        for (ElfSectionHeader h : sectionHeaders) {
            if (h.type() == ElfSectionHeader.SHT_NOTE) {
                String id = ElfNotes.buildId(file.slice(h.offset(), h.size(), "note section [" + h.index() + "]").order(header.byteOrder()));
                if (id != null) {
                    return id;
                }
            }
        }
        for (Segment s : segments) {
            if (s.type().equals("NOTE") && file.contains(s.fileOffset(), s.fileSize())) {
                String id = ElfNotes.buildId(file.slice(s.fileOffset(), s.fileSize(), "note segment [" + s.index() + "]").order(header.byteOrder()));
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    private String segmentText(String type) {
        for (Segment s : segments) {
            if (s.type().equals(type) && file.contains(s.fileOffset(), s.fileSize())) {
                return ByteFields.cString(view, s.fileOffset(), s.fileOffset() + s.fileSize());
            }
        }
        return null;
    }

    /** rustc records "rustc version X.Y.Z (hash date)" in .comment, which strip keeps. */
    private String rustcVersion() {
        for (Section s : sections) {
            if (s.name().equals(".comment") && s.fileSize() > 0) {
                long end = s.fileOffset() + s.fileSize();
                for (long p = s.fileOffset(); p < end; ) {
                    String entry = ByteFields.cString(view, p, end);
                    if (entry.startsWith(RUSTC_COMMENT)) {
                        return entry.substring(RUSTC_COMMENT.length());
                    }
                    p += entry.getBytes(StandardCharsets.UTF_8).length + 1;
                }
            }
        }
        return null;
    }
}
