package dev.rustbin.memory;

import dev.rustbin.dwarf.DebugFiles;
import dev.rustbin.dwarf.SourceLocation;
import dev.rustbin.dwarf.SourceLocator;
import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Segment;
import dev.rustbin.format.Symbol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a snapshot's process had mapped (its executable and shared libraries), each with its
 * load bias, so runtime addresses turn into addresses of the file's own address space (which
 * {@code binary_symbols} and {@code instructions} use) and into symbol names. Images are opened
 * lazily from disk, with their separate debug file when one is installed.
 */
public final class ProcessModules implements AutoCloseable {

    private final List<Module> modules;
    /** Every mapping of the snapshot, file-backed or not, to tell a gap in a module from another mapping. */
    private final List<MemoryMapping> mappings;

    private ProcessModules(List<Module> modules, List<MemoryMapping> mappings) {
        this.modules = modules;
        this.mappings = mappings;
    }

    /** The file-backed modules of a snapshot, in address order. */
    public static ProcessModules of(ProcessSnapshot snapshot) {
        Map<String, List<MemoryMapping>> byFile = new LinkedHashMap<>();
        snapshot.mappings().stream().filter(MemoryMapping::isFile)
                .sorted(Comparator.comparing(MemoryMapping::start, Long::compareUnsigned))
                .forEach(m -> byFile.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m));
        List<Module> modules = new ArrayList<>();
        byFile.forEach((file, maps) -> modules.add(new Module(Path.of(file), List.copyOf(maps))));
        return new ProcessModules(List.copyOf(modules), snapshot.mappings());
    }

    /**
     * Modules as the loader reported them to the process (dl_iterate_phdr: file, load bias and loadable
     * segments), for addresses recorded outside any snapshot such as an allocation's backtrace.
     */
    public static ProcessModules ofLoaded(List<LoadedModule> loaded) {
        List<Module> modules = new ArrayList<>();
        List<MemoryMapping> mappings = new ArrayList<>();
        for (LoadedModule l : loaded) {
            List<MemoryMapping> segments = new ArrayList<>();
            for (int i = 0; i + 1 < l.segments().length; i += 2) {
                long start = l.bias() + l.segments()[i];
                segments.add(new MemoryMapping(start, start + l.segments()[i + 1], "r-xp", 0, l.path().toString()));
            }
            if (!segments.isEmpty()) {
                segments.sort(Comparator.comparing(MemoryMapping::start, Long::compareUnsigned));
                modules.add(new Module(l.path(), List.copyOf(segments), l.bias()));
                mappings.addAll(segments);
            }
        }
        return new ProcessModules(List.copyOf(modules), List.copyOf(mappings));
    }

    /**
     * A file the loader mapped: its path, load bias and loadable segments as pairs of virtual address
     * and memory size in the file's own address space.
     */
    public record LoadedModule(Path path, long bias, long[] segments) {
    }

    public List<Module> modules() {
        return modules;
    }

    /**
     * The module whose mappings hold {@code address}, or else whose span (its lowest mapping to the
     * end of its last loadable segment) holds it and no other mapping does. The loader reserves a module's whole span, so such
     * an address is a part of the module the snapshot left out: with the default coredump_filter
     * (0x33) gdb's gcore writes no segment for file-backed text, so a core's mappings skip it.
     */
    public Optional<Module> moduleAt(long address) {
        for (Module m : modules) {
            for (MemoryMapping mapping : m.mappings()) {
                if (mapping.contains(address)) {
                    return Optional.of(m);
                }
            }
        }
        for (MemoryMapping mapping : mappings) {
            if (mapping.contains(address)) {
                return Optional.empty();
            }
        }
        for (Module m : modules) {
            if (Long.compareUnsigned(address, m.base()) >= 0 && Long.compareUnsigned(address, m.end()) < 0) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The first module whose file name starts with {@code prefix} ("libc.so", "ld-linux"). */
    public Optional<Module> byFileName(String prefix) {
        return modules.stream().filter(m -> m.path().getFileName().toString().startsWith(prefix)).findFirst();
    }

    /** A symbol and how far into it an address lies. */
    public record SymbolHit(Symbol symbol, long offset) {
    }

    /**
     * One mapped file. Its image (and debug file) open on first use; a file that is gone or cannot be
     * read simply has no symbols, so a snapshot of a process whose libraries were upgraded still loads.
     */
    public static final class Module {
        private final Path path;
        private final List<MemoryMapping> mappings;
        private BinaryImage image;
        private BinaryImage debugImage;
        private boolean opened;
        private Long bias;
        private Long end;
        private Symbol[] sortedSymbols;
        private Map<String, Symbol> symbolsByName;

        Module(Path path, List<MemoryMapping> mappings) {
            this(path, mappings, null);
        }

        private Module(Path path, List<MemoryMapping> mappings, Long bias) {
            this.path = path;
            this.mappings = mappings;
            this.bias = bias;
        }

        public Path path() {
            return path;
        }

        public List<MemoryMapping> mappings() {
            return mappings;
        }

        /** The lowest runtime address of the module. */
        public long base() {
            return mappings.get(0).start();
        }

        /**
         * Where the module's span ends: after its highest loadable segment (by the file's program
         * headers, so text the snapshot left out after the data still counts), or after its highest
         * mapping when the file cannot be read.
         */
        public synchronized long end() {
            if (end == null) {
                long last = mappings.get(mappings.size() - 1).end();
                BinaryImage img = image();
                if (img != null) {
                    for (Segment s : img.segments()) {
                        if ("LOAD".equals(s.type()) && Long.compareUnsigned(runtimeAddress(s.virtualAddress() + s.memorySize()), last) > 0) {
                            last = runtimeAddress(s.virtualAddress() + s.memorySize());
                        }
                    }
                }
                end = last;
            }
            return end;
        }

        /** The module's image from disk, or null when the file cannot be opened. */
        public synchronized BinaryImage image() {
            open();
            return image;
        }

        /** The separate debug file found by build id or .gnu_debuglink (libc6-dbg and the like), or null. */
        public synchronized BinaryImage debugImage() {
            open();
            return debugImage;
        }

        private void open() {
            if (opened) {
                return;
            }
            opened = true;
            try {
                image = BinaryOpener.open(path);
            } catch (BinaryFormatException e) {
                return;
            }
            DebugFiles.find(image).ifPresent(debug -> {
                try {
                    debugImage = BinaryOpener.open(debug);
                } catch (BinaryFormatException e) {
                    debugImage = null;
                }
            });
        }

        /**
         * Runtime address minus the address in the file's own address space: where the loader put the
         * file (0 for a non-PIE executable). Derived from the mapping of the first loadable segment.
         */
        public synchronized long bias() {
            if (bias == null) {
                bias = computeBias();
            }
            return bias;
        }

        private long computeBias() {
            BinaryImage img = image();
            if (img == null) {
                return base() - mappings.get(0).fileOffset();
            }
            for (MemoryMapping m : mappings) {
                for (Segment s : img.segments()) {
                    long pageOffset = s.fileOffset() & ~0xfffL;
                    if ("LOAD".equals(s.type()) && m.fileOffset() >= pageOffset && m.fileOffset() < s.fileOffset() + Math.max(s.fileSize(), 1)) {
                        return m.start() - s.virtualAddress() - m.fileOffset() + s.fileOffset();
                    }
                }
            }
            return base() - mappings.get(0).fileOffset();
        }

        /** The address in the file's own address space of a runtime address. */
        public long staticAddress(long runtimeAddress) {
            return runtimeAddress - bias();
        }

        public long runtimeAddress(long staticAddress) {
            return staticAddress + bias();
        }

        /** The defined function or object symbol that holds a static address (debug file symbols included). */
        public Optional<SymbolHit> symbolAt(long staticAddress) {
            Symbol[] symbols = sortedSymbols();
            int last = lastAtOrBefore(symbols, staticAddress);
            for (int i = last; i >= 0 && i > last - 64; i--) {
                Symbol s = symbols[i];
                long offset = staticAddress - s.address();
                if (offset >= 0 && (offset < s.size() || (s.size() == 0 && offset == 0))) {
                    return Optional.of(new SymbolHit(s, offset));
                }
            }
            return Optional.empty();
        }

        /**
         * The function that holds a code address: {@link #symbolAt}, or else the closest function
         * symbol before it when that one has no size (hand-written assembly such as an old crt1's
         * _start), as gdb and addr2line read such symbols: up to the next symbol.
         */
        public Optional<SymbolHit> functionAt(long staticAddress) {
            Optional<SymbolHit> sized = symbolAt(staticAddress);
            if (sized.isPresent()) {
                return sized;
            }
            Symbol[] symbols = sortedSymbols();
            int last = lastAtOrBefore(symbols, staticAddress);
            if (last < 0 || symbols[last].size() != 0 || !"function".equals(symbols[last].type())) {
                return Optional.empty();
            }
            return Optional.of(new SymbolHit(symbols[last], staticAddress - symbols[last].address()));
        }

        /**
         * The source location chain of a static address, innermost first (inlined calls, then their
         * function), from the module's DWARF or its debug file's; empty when neither has a line for it.
         */
        public List<SourceLocation> sourceAt(long staticAddress) {
            BinaryImage img = image();
            return img == null ? List.of() : SourceLocator.of(img, debugImage()).locate(staticAddress);
        }

        /** Every code or data symbol at the address of {@code symbol}, itself included: its aliases (read, __read, __libc_read). */
        public List<Symbol> aliasesOf(Symbol symbol) {
            Symbol[] symbols = sortedSymbols();
            List<Symbol> aliases = new ArrayList<>();
            for (int i = lastAtOrBefore(symbols, symbol.address()); i >= 0 && symbols[i].address() == symbol.address(); i--) {
                aliases.add(symbols[i]);
            }
            return aliases;
        }

        /** Index of the last symbol whose address is at or below {@code address} (unsigned), or -1. */
        private static int lastAtOrBefore(Symbol[] symbols, long address) {
            int lo = 0;
            int hi = symbols.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(symbols[mid].address(), address) <= 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return hi;
        }

        /** A defined symbol by exact name, of any type (debug file symbols included; TLS symbols hold offsets). */
        public Optional<Symbol> symbol(String name) {
            sortedSymbols();
            return Optional.ofNullable(symbolsByName.get(name));
        }

        private synchronized Symbol[] sortedSymbols() {
            if (sortedSymbols == null) {
                List<Symbol> all = new ArrayList<>();
                Map<String, Symbol> byName = new LinkedHashMap<>();
                for (BinaryImage img : new BinaryImage[] {image(), debugImage()}) {
                    if (img == null) {
                        continue;
                    }
                    for (Symbol s : img.symbols()) {
                        if (!s.defined()) {
                            continue;
                        }
                        byName.putIfAbsent(s.name(), s);
                        if (s.address() != 0 && isCodeOrData(s.type())) {
                            all.add(s);
                        }
                    }
                }
                Symbol[] sorted = all.toArray(Symbol[]::new);
                Arrays.sort(sorted, Comparator.comparing(Symbol::address, Long::compareUnsigned)
                        .thenComparing(s -> -s.size()));
                sortedSymbols = sorted;
                symbolsByName = byName;
            }
            return sortedSymbols;
        }

        private static boolean isCodeOrData(String type) {
            return type.equals("function") || type.equals("variable") || type.equals("ifunc");
        }

        void close() {
            if (image != null) {
                image.close();
            }
            if (debugImage != null) {
                debugImage.close();
            }
        }
    }

    @Override
    public void close() {
        modules.forEach(Module::close);
    }
}
