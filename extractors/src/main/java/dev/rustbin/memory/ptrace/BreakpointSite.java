package dev.rustbin.memory.ptrace;

import dev.rustbin.format.BinaryImage;
import dev.rustbin.format.BinaryOpener;
import dev.rustbin.format.Segment;
import dev.rustbin.format.Symbol;
import dev.rustbin.memory.MemoryMapping;
import dev.rustbin.memory.SnapshotException;
import dev.rustbin.memory.maps.ProcMaps;
import dev.rustbin.rust.RustSymbols;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a breakpoint on a function goes: the symbol's address in the binary, and, once the program
 * is mapped, that address moved by the load bias (a PIE loads anywhere) read from /proc/PID/maps.
 *
 * @param linkBase the address the binary's first loadable page was linked at (0 for a PIE)
 */
record BreakpointSite(String symbol, Path binary, long staticAddress, long linkBase) {

    private static final long PAGE = 4096;

    /** {@code symbol} is a symbol's own name, or a Rust path as demangled without generic arguments ({@code my_crate::module::function}). */
    static BreakpointSite of(Path binary, String symbol) {
        try (BinaryImage image = BinaryOpener.open(binary)) {
            List<Symbol> functions = image.symbols().stream()
                    .filter(s -> s.defined() && "function".equals(s.type()) && s.address() != 0).toList();
            Symbol found = functions.stream().filter(s -> s.name().equals(symbol)).findFirst()
                    .orElseGet(() -> byRustPath(functions, symbol, binary));
            Segment first = image.segments().stream().filter(s -> "LOAD".equals(s.type()))
                    .min(Comparator.comparingLong(Segment::fileOffset))
                    .orElseThrow(() -> new SnapshotException(binary + ": has no loadable segment"));
            return new BreakpointSite(symbol, binary, found.address(), (first.virtualAddress() - first.fileOffset()) & -PAGE);
        } catch (SnapshotException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SnapshotException(binary + ": cannot read its symbols for a breakpoint on " + symbol + " (" + e.getMessage() + ")", e);
        }
    }

    private static Symbol byRustPath(List<Symbol> functions, String path, Path binary) {
        List<Symbol> matches = functions.stream().filter(s -> path.equals(RustSymbols.genericName(s.name())))
                .collect(Collectors.toMap(Symbol::address, s -> s, (a, b) -> a, TreeMap::new)).values().stream().toList();
        if (matches.isEmpty()) {
            throw new SnapshotException(path + ": no function of that name in " + binary);
        }
        if (matches.size() > 1) {
            throw new SnapshotException(path + ": names " + matches.size() + " functions in " + binary
                    + " (generic instances?); give one's symbol, e.g. " + matches.get(0).name());
        }
        return matches.get(0);
    }

    /** The symbol's address in the running process: where the kernel mapped the binary's first page, plus the offset. */
    long runtimeAddress(long pid) {
        String path = binary.toString();
        MemoryMapping base = ProcMaps.read(pid).stream().filter(m -> m.name().equals(path) && m.fileOffset() == 0).findFirst()
                .orElseThrow(() -> new SnapshotException("pid " + pid + ": " + binary + " is not mapped, so " + symbol + " has no address"));
        return staticAddress + (base.start() - linkBase);
    }
}
