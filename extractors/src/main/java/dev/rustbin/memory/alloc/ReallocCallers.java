package dev.rustbin.memory.alloc;

import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.unwind.CodeBytes;
import dev.rustbin.memory.unwind.FrameSymbol;
import dev.rustbin.memory.unwind.FrameSymbolizer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether the innermost frame of an allocation called realloc: the call instruction ending there
 * targets a function of the module named for it, directly ({@code call __rust_realloc}) or through a
 * GOT slot holding it (Rust's {@code finish_grow} calls {@code *slot(%rip)}, the slot relocated to
 * {@code __rust_realloc}); else whether the calling function is itself named for it
 * ({@code __rdl_realloc}). Calls into the PLT or an imported slot are not followed: a C program's
 * realloc from its own function is recorded as a free and an alloc. Cached per address.
 */
final class ReallocCallers implements AutoCloseable {

    private static final int CALL_REL32 = 0xe8;
    private static final int CALL_LENGTH = 5;
    /** {@code ff 15 disp32}: call through a pointer at rip + disp32. */
    private static final int CALL_INDIRECT_LENGTH = 6;

    private final ProcessModules modules;
    private final FrameSymbolizer symbolizer;
    private final CodeBytes code;
    private final Map<Long, Boolean> known = new HashMap<>();

    ReallocCallers(ProcessModules modules) {
        this.modules = modules;
        this.symbolizer = new FrameSymbolizer(modules);
        this.code = CodeBytes.fromFiles(modules);
    }

    /** @param ip heaptrack's address of the frame: the byte before the return address, inside the call */
    boolean callsRealloc(long ip) {
        return known.computeIfAbsent(ip, address -> {
            long returnAddress = address + 1;
            byte[] call = new byte[CALL_LENGTH];
            if (code.read(returnAddress - CALL_LENGTH, call) && (call[0] & 0xff) == CALL_REL32) {
                long target = returnAddress + ByteBuffer.wrap(call, 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (namedForRealloc(symbolizer.symbolizeCode(target))) {
                    return true;
                }
            }
            byte[] indirect = new byte[CALL_INDIRECT_LENGTH];
            Optional<ProcessModules.Module> module = modules.moduleAt(address);
            if (module.isPresent() && module.get().image() != null && code.read(returnAddress - CALL_INDIRECT_LENGTH, indirect)
                    && (indirect[0] & 0xff) == 0xff && indirect[1] == 0x15) {
                long slot = module.get().staticAddress(returnAddress) + ByteBuffer.wrap(indirect, 2, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                // A slot of the module's own function (a RELATIVE relocation, as Rust calls __rust_realloc); imports stay unnamed here.
                OptionalLong local = module.get().image().pointerAt(slot);
                if (local.isPresent() && local.getAsLong() != 0 && namedForRealloc(symbolizer.symbolizeCode(module.get().runtimeAddress(local.getAsLong())))) {
                    return true;
                }
            }
            return namedForRealloc(symbolizer.symbolizeCode(address));
        });
    }

    private static boolean namedForRealloc(FrameSymbol symbol) {
        return symbol.symbol() != null && symbol.symbol().contains("realloc");
    }

    @Override
    public void close() {
        modules.close();
    }
}
