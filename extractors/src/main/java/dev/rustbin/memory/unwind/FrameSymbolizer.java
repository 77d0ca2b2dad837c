package dev.rustbin.memory.unwind;

import dev.rustbin.format.Symbol;
import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.rust.RustSymbols;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Names the function of a frame, with its module and crate, from the symbols of the module and of
 * its debug file. Where several symbols share the address (glibc's read, __read, __libc_read) the
 * most public one names the function: global before weak before local, the default symbol version
 * before compatibility versions, then the shortest name; the version suffix ({@code @@GLIBC_2.34})
 * is left out of the function name. Frames in the vdso have "[vdso]" as module, and a function
 * when the symbolizer was given the snapshot's memory.
 */
public final class FrameSymbolizer {

    private static final Comparator<Symbol> PREFERRED = Comparator
            .comparingInt((Symbol s) -> switch (s.binding()) {
                case "global", "unique" -> 0;
                case "weak" -> 1;
                default -> 2;
            })
            .thenComparingInt(s -> s.name().contains("@") && !s.name().contains("@@") ? 1 : 0)
            .thenComparingInt(s -> s.name().length())
            .thenComparing(Symbol::name);

    private final ProcessModules modules;
    private final AddressSpace memory;
    private final InMemoryImages images = new InMemoryImages();

    /** Names functions from the modules' files (frames in the vdso get no function). */
    public FrameSymbolizer(ProcessModules modules) {
        this(modules, null);
    }

    /** Also names functions in the vdso, from its symbol table in the snapshot's memory. */
    public FrameSymbolizer(ProcessModules modules, AddressSpace memory) {
        this.modules = modules;
        this.memory = memory;
    }

    public FrameSymbol symbolize(StackFrame frame) {
        return symbolize(frame.lookupPc(), frame.pc(), frame.module());
    }

    /** The function holding a code address (not a return address: the call instruction itself, as heaptrack records them). */
    public FrameSymbol symbolizeCode(long address) {
        return symbolize(address, address, null);
    }

    private FrameSymbol symbolize(long lookupPc, long pc, String frameModule) {
        Optional<ProcessModules.Module> found = modules.moduleAt(lookupPc);
        if (found.isEmpty()) {
            InMemoryImage image = memory != null && InMemoryImage.NAME.equals(frameModule) ? images.at(memory, lookupPc) : null;
            List<Symbol> functions = image == null ? List.of() : image.functionsAt(lookupPc - image.bias());
            if (functions.isEmpty()) {
                return new FrameSymbol(null, null, 0, frameModule, null);
            }
            Symbol best = functions.stream().min(PREFERRED).orElseThrow();
            return named(best, pc - image.bias() - best.address(), frameModule);
        }
        ProcessModules.Module module = found.get();
        String path = module.path().toString();
        Optional<ProcessModules.SymbolHit> hit = module.functionAt(module.staticAddress(lookupPc));
        if (hit.isEmpty()) {
            return new FrameSymbol(null, null, 0, path, null);
        }
        Symbol best = module.aliasesOf(hit.get().symbol()).stream()
                .filter(s -> s.type().equals(hit.get().symbol().type()) && s.size() == hit.get().symbol().size())
                .min(PREFERRED).orElse(hit.get().symbol());
        return named(best, pc - module.runtimeAddress(best.address()), path);
    }

    private static FrameSymbol named(Symbol symbol, long offset, String module) {
        String name = withoutVersion(symbol.name());
        return new FrameSymbol(RustSymbols.demangle(name), symbol.name(), offset, module, RustSymbols.crateOf(name));
    }

    /** {@code __libc_start_main@@GLIBC_2.34} is {@code __libc_start_main}; Rust names never hold an '@'. */
    static String withoutVersion(String name) {
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }
}
