package dev.rustbin.memory.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.testing.ParkedMemdemo;
import java.nio.file.Path;
import dev.rustbin.rust.RustSymbols;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackUnwinderTest {

    @TempDir
    Path dir;

    @Test
    void everyMemdemoThreadUnwindsToGdbsFrames() throws Exception {
        try (ParkedMemdemo demo = ParkedMemdemo.start()) {
            Path core = demo.gcore(dir);
            List<String> functions = new ArrayList<>();
            try (ProcessSnapshot snapshot = CoreFileReader.read(core); ProcessModules modules = ProcessModules.of(snapshot)) {
                Map<Long, List<GdbFrames.Frame>> gdb = GdbFrames.of(demo.executable(), core, dir);
                StackUnwinder unwinder = new StackUnwinder(modules);
                FrameSymbolizer symbolizer = new FrameSymbolizer(modules);
                assertEquals(3, gdb.size());
                for (ThreadState thread : snapshot.threads()) {
                    List<StackFrame> frames = unwinder.unwind(thread, snapshot.memory());
                    assertSameFrames(gdb.get(thread.tid()), frames, modules, "thread " + thread.tid());
                    frames.forEach(f -> functions.add(symbolizer.symbolize(f).function()));
                }
            }
            assertTrue(functions.contains("memdemo_park_alpha"), functions.toString());
            assertTrue(functions.contains("memdemo_park_beta"), functions.toString());
            assertTrue(demo.release().stream().anyMatch(l -> l.startsWith("done 8 4")));
        }
    }

    /**
     * Same pcs and stack pointers as gdb frame for frame, and the same function where gdb names one:
     * our name, or (where glibc gives one address several names) the name of one of its aliases.
     */
    static void assertSameFrames(List<GdbFrames.Frame> expected, List<StackFrame> actual, ProcessModules modules, String what) {
        FrameSymbolizer symbolizer = new FrameSymbolizer(modules);
        List<String> want = expected.stream().map(f -> String.format("0x%x sp=0x%x %s", f.pc(), f.sp(), withoutHash(f.symbol()))).toList();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            StackFrame frame = actual.get(i);
            String gdbName = i < expected.size() ? withoutHash(expected.get(i).symbol()) : null;
            String name = aliasNames(modules, frame).contains(gdbName) ? gdbName : nameOrEmpty(symbolizer.symbolize(frame));
            got.add(String.format("0x%x sp=0x%x %s", frame.pc(), frame.sp(), name));
        }
        assertEquals(String.join("\n", want), String.join("\n", got), what);
        for (int i = 0; i + 1 < actual.size(); i++) {
            StackFrame frame = actual.get(i);
            assertTrue(frame.cfa() > frame.sp(), what + " frame " + i + " holds no bytes");
            assertEquals(frame.cfa(), actual.get(i + 1).sp(), what + " frame " + i + " does not end where its caller starts");
        }
    }

    /** The demangled names of every symbol at the address of the frame's symbol. */
    private static Set<String> aliasNames(ProcessModules modules, StackFrame frame) {
        Set<String> names = new HashSet<>();
        modules.moduleAt(frame.lookupPc()).ifPresent(m -> m.symbolAt(m.staticAddress(frame.lookupPc())).ifPresent(hit ->
                m.aliasesOf(hit.symbol()).forEach(s -> names.add(RustSymbols.demangle(FrameSymbolizer.withoutVersion(s.name()))))));
        return names;
    }

    private static String nameOrEmpty(FrameSymbol symbol) {
        return symbol.function() == null ? "" : symbol.function();
    }

    /** gdb prints legacy Rust names with their ::h hash, which c++filt (and our demangler) leave out. */
    private static String withoutHash(String gdbName) {
        return gdbName.replaceAll("::h[0-9a-f]{16}$", "");
    }
}
