package dev.rustbin.format.pe;

import dev.rustbin.format.BinaryFormat;
import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryInfo;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A PE32 or PE32+ image (.exe, .dll) on a read-only mapping. Headers and the section table are read
 * on open so a corrupt file fails at once; symbols, imports, exports and the debug record on first use.
 * Segments are what the loader maps: the headers, then each section.
 */
public final class PeImage extends MappedBinaryImage {

    private final FileView view;
    private final PeHeaders headers;
    private final StringTable coffStrings;
    private final List<PeSectionHeader> sectionHeaders;
    private final PeAddressMap addresses;
    private final List<Section> sections;
    private final List<Segment> segments;
    private PeImportReader.Imports imports;
    private long[] functionStarts;

    private PeImage(MappedFile file) {
        super(file, BinaryFormat.PE);
        this.view = file.view(ByteOrder.LITTLE_ENDIAN);
        this.headers = PeHeaders.read(file, view);
        this.coffStrings = PeCoffStrings.read(file, view, headers);
        this.sectionHeaders = PeSectionTableReader.read(file, view, headers, coffStrings);
        this.addresses = new PeAddressMap(file, view, sectionHeaders, headers.sizeOfHeaders());
        this.sections = readSections();
        this.segments = readSegments();
    }

    /** Opens a PE image; any structural problem becomes a {@link BinaryFormatException} naming the file. */
    public static PeImage open(MappedFile file) {
        return opening(file, BinaryFormat.PE, () -> new PeImage(file));
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
        return importDirectory().libraries();
    }

    @Override
    public List<Import> imports() {
        return importDirectory().imports();
    }

    @Override
    public List<Export> exports() {
        return guarded(() -> PeExportReader.read(file, view, addresses, headers));
    }

    @Override
    public synchronized long[] functionStarts() {
        if (functionStarts == null) {
            functionStarts = guarded(() -> PeFunctionTable.starts(view, addresses, headers));
        }
        return functionStarts;
    }

    private synchronized PeImportReader.Imports importDirectory() {
        if (imports == null) {
            imports = guarded(() -> PeImportReader.read(view, addresses, headers));
        }
        return imports;
    }

    private List<Section> readSections() {
        List<Section> out = new ArrayList<>(sectionHeaders.size());
        for (PeSectionHeader h : sectionHeaders) {
            out.add(new Section(h.number(), h.name(), null, contentType(h.characteristics()), headers.imageBase() + h.virtualAddress(),
                    h.memorySize(), h.rawOffset(), headers.sectionAlignment(), 0, h.characteristics() & 0xffff_ffffL,
                    h.fileSize(), permissions(h.characteristics())));
        }
        return Collections.unmodifiableList(out);
    }

    private List<Segment> readSegments() {
        List<Segment> out = new ArrayList<>(sectionHeaders.size() + 1);
        long headerBytes = Math.min(headers.sizeOfHeaders(), file.size());
        out.add(new Segment(0, "LOAD", "HEADERS", headers.imageBase(), headers.imageBase(), headers.sizeOfHeaders(), 0,
                headerBytes, headers.sectionAlignment(), new Permissions(true, false, false)));
        for (Section s : sections) {
            out.add(new Segment(out.size(), "LOAD", s.name(), s.address(), s.address(), s.size(), s.fileOffset(), s.fileSize(),
                    s.alignment(), s.permissions()));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    protected BinaryInfo readInfo() {
        PeCodeView codeView = PeCodeView.read(file, view, addresses, headers);
        boolean dll = (headers.characteristics() & PeHeaders.IMAGE_FILE_DLL) != 0;
        return new BinaryInfo(
                BinaryFormat.PE,
                PeNames.machine(headers.machine()),
                headers.pe32Plus() ? 64 : 32,
                "little",
                dll ? "shared-object" : "executable",
                headers.entryPointRva() == 0 ? 0 : headers.imageBase() + headers.entryPointRva(),
                codeView == null ? null : codeView.buildId(),
                null,
                coffStrings == null,
                sections.stream().anyMatch(s -> s.name().equals(".debug_info")),
                null,
                codeView == null ? null : codeView.pdbPath(),
                PeNames.subsystem(headers.subsystem()));
    }

    /** The kind of contents the section flags declare; llvm-objdump -h calls them TEXT, DATA and BSS. */
    private static String contentType(int characteristics) {
        if ((characteristics & PeSectionHeader.IMAGE_SCN_CNT_CODE) != 0) {
            return "code";
        }
        if ((characteristics & PeSectionHeader.IMAGE_SCN_CNT_INITIALIZED_DATA) != 0) {
            return "initialized_data";
        }
        if ((characteristics & PeSectionHeader.IMAGE_SCN_CNT_UNINITIALIZED_DATA) != 0) {
            return "uninitialized_data";
        }
        return "other";
    }

    private static Permissions permissions(int characteristics) {
        return new Permissions((characteristics & PeSectionHeader.IMAGE_SCN_MEM_READ) != 0,
                (characteristics & PeSectionHeader.IMAGE_SCN_MEM_WRITE) != 0,
                (characteristics & PeSectionHeader.IMAGE_SCN_MEM_EXECUTE) != 0);
    }

    @Override
    protected List<Symbol> readSymbols() {
        return PeSymbolTableReader.read(view, headers, coffStrings, sectionHeaders);
    }
}
