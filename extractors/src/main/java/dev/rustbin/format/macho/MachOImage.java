package dev.rustbin.format.macho;

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
import dev.rustbin.format.Section;
import dev.rustbin.format.Segment;
import dev.rustbin.format.Symbol;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;

/**
 * One Mach-O image (a thin file, or one slice of a universal file) on a read-only mapping. The header,
 * load commands, segments and sections are read on open so a corrupt file fails at once; the symbol
 * table on first use.
 */
public final class MachOImage extends MappedBinaryImage {

    private final FileView view;
    private final MachOHeader header;
    private final List<MachOLoadCommand> commands;
    private final MachOSegmentReader.Layout layout;
    private final List<LinkedLibrary> libraries;
    private List<MachOSymbolEntry> entries;
    private long[] functionStarts;

    private MachOImage(MappedFile file) {
        super(file, BinaryFormat.MACH_O);
        this.header = MachOHeader.read(file);
        this.view = file.view(header.byteOrder());
        this.commands = MachOLoadCommandReader.read(file, view, header);
        this.layout = MachOSegmentReader.read(file, view, header.is64(), commands);
        this.libraries = MachOCommandText.libraries(file, view, commands);
    }

    /** Opens a thin Mach-O image; any structural problem becomes a {@link BinaryFormatException} naming the file. */
    public static MachOImage open(MappedFile file) {
        return opening(file, BinaryFormat.MACH_O, () -> new MachOImage(file));
    }

    @Override
    public List<Section> sections() {
        return layout.sections();
    }

    @Override
    public List<Segment> segments() {
        return layout.segments();
    }

    @Override
    public List<LinkedLibrary> libraries() {
        return libraries;
    }

    @Override
    public List<Import> imports() {
        return guarded(() -> MachOSymbolMapper.imports(entries(), libraries, (header.flags() & MachOHeader.MH_TWOLEVEL) != 0));
    }

    /** dyld's export trie when the image has one (what other images bind to), else the external definitions. */
    @Override
    public List<Export> exports() {
        return guarded(() -> {
            MachOLoadCommand trie = command(MachOLoadCommand.LC_DYLD_EXPORTS_TRIE);
            if (trie != null) {
                MachOLoadCommandReader.requireSize(file, trie, 16, "LC_DYLD_EXPORTS_TRIE");
                return MachOExportTrie.read(file, view, ByteFields.u32(view, trie.offset() + 8), ByteFields.u32(view, trie.offset() + 12),
                        textAddress(), libraries);
            }
            MachOLoadCommand info = command(MachOLoadCommand.LC_DYLD_INFO_ONLY);
            info = info != null ? info : command(MachOLoadCommand.LC_DYLD_INFO);
            if (info != null) {
                MachOLoadCommandReader.requireSize(file, info, 48, "LC_DYLD_INFO");
                return MachOExportTrie.read(file, view, ByteFields.u32(view, info.offset() + 40), ByteFields.u32(view, info.offset() + 44),
                        textAddress(), libraries);
            }
            return MachOSymbolMapper.exports(entries());
        });
    }

    private synchronized List<MachOSymbolEntry> entries() {
        if (entries == null) {
            MachOLoadCommand symtab = command(MachOLoadCommand.LC_SYMTAB);
            entries = symtab == null ? List.of() : MachOSymbolTableReader.read(file, view, header.is64(), symtab);
        }
        return entries;
    }

    @Override
    public synchronized long[] functionStarts() {
        if (functionStarts == null) {
            MachOLoadCommand starts = command(MachOLoadCommand.LC_FUNCTION_STARTS);
            functionStarts = starts == null ? new long[0] : guarded(() -> MachOFunctionStarts.read(file, view, starts, textAddress()));
        }
        return functionStarts;
    }

    @Override
    protected BinaryInfo readInfo() {
        List<MachOSymbolEntry> all = entries();
        // strip removes the local symbols; the externals stay because dyld binds through them.
        boolean stripped = all.stream().noneMatch(e -> !e.isDebug() && !e.isExternal());
        boolean debugInfo = layout.sections().stream().anyMatch(s -> s.name().equals("__DWARF,__debug_info"));
        return new BinaryInfo(
                BinaryFormat.MACH_O,
                MachONames.architecture(header.cpuType()),
                header.is64() ? 64 : 32,
                header.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big",
                MachONames.fileType(header.fileType()),
                entryAddress(),
                uuid(),
                MachOCommandText.dynamicLinker(file, view, commands),
                stripped,
                debugInfo,
                null,
                null,
                null);
    }

    /** LC_MAIN's entry offset is relative to the start of __TEXT; images without LC_MAIN report 0. */
    private long entryAddress() {
        MachOLoadCommand main = command(MachOLoadCommand.LC_MAIN);
        if (main == null) {
            return 0;
        }
        MachOLoadCommandReader.requireSize(file, main, 24, "LC_MAIN");
        return textAddress() + view.getLong(main.offset() + 8);
    }

    private String uuid() {
        MachOLoadCommand uuid = command(MachOLoadCommand.LC_UUID);
        if (uuid == null) {
            return null;
        }
        MachOLoadCommandReader.requireSize(file, uuid, 24, "LC_UUID");
        byte[] id = new byte[16];
        view.get(uuid.offset() + 8, id);
        return HexFormat.of().formatHex(id);
    }

    /** The load address of __TEXT, which LC_MAIN and LC_FUNCTION_STARTS count from. */
    private long textAddress() {
        return layout.segments().stream().filter(s -> "__TEXT".equals(s.name())).mapToLong(Segment::virtualAddress)
                .findFirst().orElse(0);
    }

    private MachOLoadCommand command(int type) {
        return commands.stream().filter(c -> c.type() == type).findFirst().orElse(null);
    }

    @Override
    protected List<Symbol> readSymbols() {
        return MachOSymbolMapper.symbols(entries(), layout.sections(), functionStarts());
    }
}
