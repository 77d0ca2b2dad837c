package dev.rustbin.memory.unwind;

import dev.rustbin.format.Symbol;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.rust.RustSymbols;
import java.util.Comparator;
import java.util.Optional;

/**
 * Names the function of a frame, with its module and crate, from the symbols of the module and of
 * its debug file. Where several symbols share the address (glibc's read, __read, __libc_read) the
 * most public one names the function: global before weak before local, the default symbol version
 * before compatibility versions, then the shortest name; the version suffix ({@code @@GLIBC_2.34})
 * is left out of the function name. Frames in the vdso get its name as module and no function.
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

    public FrameSymbolizer(ProcessModules modules) {
        this.modules = modules;
    }

    public FrameSymbol symbolize(StackFrame frame) {
        Optional<ProcessModules.Module> found = modules.moduleAt(frame.lookupPc());
        if (found.isEmpty()) {
            return new FrameSymbol(null, null, 0, frame.module(), null);
        }
        ProcessModules.Module module = found.get();
        String path = module.path().toString();
        Optional<ProcessModules.SymbolHit> hit = module.functionAt(module.staticAddress(frame.lookupPc()));
        if (hit.isEmpty()) {
            return new FrameSymbol(null, null, 0, path, null);
        }
        Symbol best = module.aliasesOf(hit.get().symbol()).stream()
                .filter(s -> s.type().equals(hit.get().symbol().type()) && s.size() == hit.get().symbol().size())
                .min(PREFERRED).orElse(hit.get().symbol());
        String name = withoutVersion(best.name());
        long offset = frame.pc() - module.runtimeAddress(best.address());
        return new FrameSymbol(RustSymbols.demangle(name), best.name(), offset, path, RustSymbols.crateOf(name));
    }

    /** {@code __libc_start_main@@GLIBC_2.34} is {@code __libc_start_main}; Rust names never hold an '@'. */
    static String withoutVersion(String name) {
        int at = name.indexOf('@');
        return at > 0 ? name.substring(0, at) : name;
    }
}
