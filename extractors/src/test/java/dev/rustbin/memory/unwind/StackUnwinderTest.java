package dev.rustbin.memory.unwind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.RegisterLayout;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.memory.core.CoreFileReader;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.ParkedMemdemo;
import dev.rustbin.testing.ProcessStates;
import dev.rustbin.testing.Tools;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.rustbin.rust.RustSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
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
            withShellCoredumpFilter(demo.pid());
            Path core = demo.gcore(dir);
            List<String> functions = new ArrayList<>();
            try (ProcessSnapshot snapshot = CoreFileReader.read(core); ProcessModules modules = ProcessModules.of(snapshot)) {
                Map<Long, List<GdbFrames.Frame>> gdb = GdbFrames.of(demo.executable(), core, dir);
                StackUnwinder unwinder = new StackUnwinder(modules);
                FrameSymbolizer symbolizer = new FrameSymbolizer(modules);
                assertEquals(3, gdb.size());
                for (ThreadState thread : snapshot.threads()) {
                    List<StackFrame> frames = unwinder.unwind(thread, snapshot.memory());
                    assertSameFrames(gdb.get(thread.tid()), frames, modules, snapshot.memory(), "thread " + thread.tid());
                    assertEquals(UnwindMethod.REGISTERS, frames.get(0).method());
                    assertTrue(frames.stream().skip(1).allMatch(f -> f.method() == UnwindMethod.CFI), frames.toString());
                    frames.forEach(f -> functions.add(symbolizer.symbolize(f).function()));
                }
            }
            assertTrue(functions.contains("memdemo_park_alpha"), functions.toString());
            assertTrue(functions.contains("memdemo_park_beta"), functions.toString());
            assertTrue(demo.release().stream().anyMatch(l -> l.startsWith("done 8 4")));
        }
    }

    /** rustc (a toolchain binary this project did not build) blocked reading its source from stdin. */
    @Test
    void rustcReadingStdinUnwindsToGdbsFrames() throws Exception {
        Path rustc = Corpus.sysroot().resolve("bin/rustc");
        Process process = new ProcessBuilder(rustc.toString(), "-", "--crate-type", "lib", "--emit", "metadata",
                "-o", dir.resolve("out.rmeta").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = process.getOutputStream()) {
            ProcessStates.awaitReadingStdin(process.pid());
            withShellCoredumpFilter(process.pid());
            Tools.run(List.of("gcore", "-o", dir.resolve("rustc").toString(), Long.toString(process.pid())));
            Path core = dir.resolve("rustc." + process.pid());
            try (ProcessSnapshot snapshot = CoreFileReader.read(core); ProcessModules modules = ProcessModules.of(snapshot)) {
                Map<Long, List<GdbFrames.Frame>> gdb = GdbFrames.of(rustc, core, dir);
                StackUnwinder unwinder = new StackUnwinder(modules);
                assertEquals(snapshot.threads().size(), gdb.size());
                for (ThreadState thread : snapshot.threads()) {
                    List<StackFrame> frames = unwinder.unwind(thread, snapshot.memory());
                    assertSameFrames(gdb.get(thread.tid()), frames, modules, snapshot.memory(), "rustc thread " + thread.tid());
                }
                List<StackFrame> main = unwinder.unwind(snapshot.threads().get(0), snapshot.memory());
                FrameSymbolizer symbolizer = new FrameSymbolizer(modules);
                assertTrue(main.stream().map(symbolizer::symbolize).anyMatch(s -> "rustc_driver_impl".equals(s.crate())),
                        "no frame of rustc_driver_impl");
            }
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * bash a thousand shell functions deep (about five C frames each) blocked in read: more frames than
     * the unwinder's limit, so it must give exactly gdb's first {@link StackUnwinder#MAX_FRAMES}.
     * The same core then serves the bad-input cases: random registers and a stack overwritten with
     * self-referencing words end quickly, without exceptions.
     */
    @Test
    void deepRecursionStopsAtTheFrameLimitWithGdbsFramesAndBadStacksEndQuickly() throws Exception {
        Process process = new ProcessBuilder("bash", "-c", "f() { if [ $1 -gt 0 ]; then f $(($1 - 1)); else read line; fi; }; f 1000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = process.getOutputStream()) {
            ProcessStates.awaitReadingStdin(process.pid());
            withShellCoredumpFilter(process.pid());
            Tools.run(List.of("gcore", "-o", dir.resolve("bash").toString(), Long.toString(process.pid())));
            Path core = dir.resolve("bash." + process.pid());
            try (ProcessSnapshot snapshot = CoreFileReader.read(core); ProcessModules modules = ProcessModules.of(snapshot)) {
                List<GdbFrames.Frame> gdb = GdbFrames.of(Path.of("/bin/bash"), core, dir).get(process.pid());
                StackUnwinder unwinder = new StackUnwinder(modules);
                ThreadState thread = snapshot.threads().get(0);
                List<StackFrame> frames = unwinder.unwind(thread, snapshot.memory());
                assertTrue(gdb.size() > StackUnwinder.MAX_FRAMES, "gdb found only " + gdb.size() + " frames");
                assertEquals(StackUnwinder.MAX_FRAMES, frames.size());
                assertSameFrames(gdb.subList(0, frames.size()), frames, modules, snapshot.memory(), "bash");

                Random random = new Random(8);
                for (int i = 0; i < 200; i++) {
                    long[] registers = thread.registers().clone();
                    for (int r = 0; r < registers.length; r++) {
                        registers[r] = i % 2 == 0 ? random.nextLong() : registers[r] + random.nextInt(256) - 128;
                    }
                    ThreadState garbage = new ThreadState(thread.tid(), thread.name(), thread.layout(), registers);
                    assertTrue(unwinder.unwind(garbage, snapshot.memory()).size() < 64, "registers " + Arrays.toString(registers));
                }
                long sp = thread.sp();
                assertTrue(unwinder.unwind(thread, overwritten(snapshot.memory(), sp, 1 << 20, a -> sp)).size() < 8);
                List<StackFrame> climbing = unwinder.unwind(thread, overwritten(snapshot.memory(), sp, 1 << 20, a -> a + 16));
                assertTrue(climbing.size() <= StackUnwinder.MAX_FRAMES, climbing.size() + " frames");
            }
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * A C program blocked in read() in a signal handler, its own functions described only by
     * .debug_frame: frames equal gdb's, through the handler, glibc's __restore_rt and raise.
     */
    @Test
    void signalHandlerFramesFromDebugFrameEqualGdbs() throws Exception {
        List<StackFrame> frames = unwindUnwinddemo("-g");
        assertTrue(frames.stream().anyMatch(f -> f.method() == UnwindMethod.SIGNAL), frames.toString());
        assertTrue(frames.stream().filter(f -> f.index() > 0 && f.method() != UnwindMethod.SIGNAL)
                .allMatch(f -> f.method() == UnwindMethod.CFI), frames.toString());
    }

    /** The same program without any CFI for its own functions: they unwind through their frame pointers, as gdb does. */
    @Test
    void functionsWithoutCfiUnwindThroughFramePointers() throws Exception {
        List<StackFrame> frames = unwindUnwinddemo("-g0");
        assertTrue(frames.stream().anyMatch(f -> f.method() == UnwindMethod.FRAME_POINTER), frames.toString());
        assertTrue(frames.stream().anyMatch(f -> f.method() == UnwindMethod.SIGNAL), frames.toString());
    }

    /** A thread reading the clock in a loop, caught inside the vdso (whose CFI only the snapshot's memory holds). */
    @Test
    void framesInTheVdsoUnwindWithItsInMemoryCfi() throws Exception {
        Path binary = compileUnwinddemo("-g");
        Process process = new ProcessBuilder(binary.toString(), "spin")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            withShellCoredumpFilter(process.pid());
            for (int attempt = 0; attempt < 20; attempt++) {
                Path core = dir.resolve("spin." + process.pid());
                Tools.run(List.of("gcore", "-o", dir.resolve("spin").toString(), Long.toString(process.pid())));
                try (ProcessSnapshot snapshot = CoreFileReader.read(core); ProcessModules modules = ProcessModules.of(snapshot)) {
                    List<StackFrame> frames = new StackUnwinder(modules).unwind(snapshot.threads().get(0), snapshot.memory());
                    if (InMemoryImage.NAME.equals(frames.get(0).module())) {
                        assertSameFrames(GdbFrames.of(binary, core, dir).get(process.pid()), frames, modules, snapshot.memory(), "spin");
                        assertEquals(UnwindMethod.CFI, frames.get(1).method(), frames.toString());
                        FrameSymbolizer symbolizer = new FrameSymbolizer(modules);
                        assertTrue(frames.stream().anyMatch(f -> "unwinddemo_spin".equals(symbolizer.symbolize(f).function())), frames.toString());
                        return;
                    }
                }
                Files.delete(core);
            }
            throw new AssertionError("20 snapshots never found the spinning thread in the vdso");
        } finally {
            process.destroyForcibly().waitFor(2, TimeUnit.MINUTES);
        }
    }

    private Path compileUnwinddemo(String debugFlag) {
        Path source = Corpus.fixtures().resolve("../../c/unwinddemo.c").normalize();
        Path binary = dir.resolve("unwinddemo");
        Tools.run(List.of("gcc", "-O1", debugFlag, "-fno-asynchronous-unwind-tables", "-fno-unwind-tables",
                "-fno-omit-frame-pointer", "-o", binary.toString(), source.toString()));
        return binary;
    }

    /** Compiles test-corpus/c/unwinddemo.c without unwind tables, runs it until it blocks, and checks its frames against gdb's. */
    private List<StackFrame> unwindUnwinddemo(String debugFlag) throws Exception {
        Path binary = compileUnwinddemo(debugFlag);
        Process process = new ProcessBuilder(binary.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream stdin = process.getOutputStream()) {
            ProcessStates.awaitReadingStdin(process.pid());
            withShellCoredumpFilter(process.pid());
            Tools.run(List.of("gcore", "-o", dir.resolve("unwinddemo").toString(), Long.toString(process.pid())));
            Path core = dir.resolve("unwinddemo." + process.pid());
            try (ProcessSnapshot snapshot = CoreFileReader.read(core); ProcessModules modules = ProcessModules.of(snapshot)) {
                List<StackFrame> frames = new StackUnwinder(modules).unwind(snapshot.threads().get(0), snapshot.memory());
                assertSameFrames(GdbFrames.of(binary, core, dir).get(process.pid()), frames, modules, snapshot.memory(), "unwinddemo " + debugFlag);
                FrameSymbolizer symbolizer = new FrameSymbolizer(modules);
                List<String> names = frames.stream().map(f -> symbolizer.symbolize(f).function()).toList();
                assertEquals(List.of("read", "unwinddemo_block", "unwinddemo_handler", "__restore_rt"), names.subList(0, 4).stream()
                        .map(n -> n.equals("__libc_read") || n.equals("__read") ? "read" : n).toList());
                assertEquals(4, names.stream().filter("unwinddemo_nested"::equals).count(), names.toString());
                assertSignalCfiAgreesWithUcontext(modules, frames.get(3), snapshot.memory());
                return frames;
            }
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * glibc describes __restore_rt with an 'S' CIE and DWARF expressions over the ucontext
     * (DW_CFA_def_cfa_expression, DW_CFA_expression: breg7, deref): evaluated, they must give the
     * registers the unwinder reads from the ucontext directly.
     */
    private static void assertSignalCfiAgreesWithUcontext(ProcessModules modules, StackFrame trampoline, AddressSpace memory) {
        ProcessModules.Module libc = modules.moduleAt(trampoline.pc()).orElseThrow();
        RegisterFile registers = new RegisterFile(RegisterLayout.X86_64.dwarfRegisters());
        registers.set(X86_64Frames.RSP, trampoline.sp());
        registers.set(X86_64Frames.RIP, trampoline.pc());
        FrameDescriptionEntry fde = ModuleCfi.of(libc.image(), libc.debugImage()).find(trampoline.staticPc());
        assertTrue(fde.cie().signalFrame(), "__restore_rt's CIE has no 'S' augmentation");
        UnwindRow row = CfiInterpreter.rowAt(fde, trampoline.staticPc(), registers.count());
        Unwound byCfi = CfiStep.apply(fde, row, registers, memory, libc.bias(), X86_64Frames.RSP, X86_64Frames.RIP);
        Unwound byUcontext = X86_64Frames.unwindSignal(registers, memory);
        assertEquals(UnwindMethod.SIGNAL, byCfi.method());
        assertEquals(byUcontext.cfa(), byCfi.cfa());
        for (int r = 0; r < registers.count(); r++) {
            assertEquals(byUcontext.caller().get(r), byCfi.caller().get(r), "DWARF register " + r);
        }
    }

    /** The snapshot's memory with every aligned word of {@code [start, start + length)} replaced by {@code word(address)}. */
    private static AddressSpace overwritten(AddressSpace memory, long start, long length, LongUnaryOperator word) {
        return new AddressSpace() {
            @Override
            public boolean read(long address, byte[] target, int offset, int count) {
                if (!memory.read(address, target, offset, count)) {
                    return false;
                }
                for (int i = 0; i < count; i++) {
                    long at = address + i;
                    if (at >= start && at < start + length) {
                        target[offset + i] = (byte) (word.applyAsLong(at & ~7L) >>> (8 * (at & 7)));
                    }
                }
                return true;
            }

            @Override
            public boolean contains(long address, long count) {
                return memory.contains(address, count);
            }
        };
    }

    /**
     * The JVM sets its coredump_filter to 0x3f (file-backed text included) and its children inherit
     * it; a shell's 0x33 makes gcore leave unmodified text out, as in the cores users bring.
     */
    private static void withShellCoredumpFilter(long pid) throws Exception {
        Files.writeString(Path.of("/proc", Long.toString(pid), "coredump_filter"), "0x33");
    }

    /** Polls (bounded) until the process's main thread sits in read(0, ...). */
    /**
     * Same pcs and stack pointers as gdb frame for frame, and the same function where gdb names one:
     * our name, or (where glibc gives one address several names) the name of one of its aliases.
     */
    static void assertSameFrames(List<GdbFrames.Frame> expected, List<StackFrame> actual, ProcessModules modules,
                                 AddressSpace memory, String what) {
        FrameSymbolizer symbolizer = new FrameSymbolizer(modules, memory);
        List<String> want = expected.stream().map(f -> String.format("0x%x sp=0x%x %s", f.pc(), f.sp(), withoutHash(f.symbol()))).toList();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            StackFrame frame = actual.get(i);
            String gdbName = i < expected.size() ? withoutHash(expected.get(i).symbol()) : null;
            String name = aliasNames(modules, memory, frame).contains(gdbName) ? gdbName : nameOrEmpty(symbolizer.symbolize(frame));
            got.add(String.format("0x%x sp=0x%x %s", frame.pc(), frame.sp(), name));
        }
        assertEquals(String.join("\n", want), String.join("\n", got), what);
        for (int i = 0; i + 1 < actual.size(); i++) {
            StackFrame frame = actual.get(i);
            assertTrue(frame.cfa() > frame.sp(), what + " frame " + i + " holds no bytes");
            assertEquals(frame.cfa(), actual.get(i + 1).sp(), what + " frame " + i + " does not end where its caller starts");
        }
    }

    /** The demangled names of every symbol at the address of the frame's symbol (in its module's file, or in the vdso). */
    private static Set<String> aliasNames(ProcessModules modules, AddressSpace memory, StackFrame frame) {
        Set<String> names = new HashSet<>();
        InMemoryImage vdso = InMemoryImage.NAME.equals(frame.module()) ? InMemoryImage.find(memory, frame.lookupPc()) : null;
        if (vdso != null) {
            vdso.functionsAt(frame.lookupPc() - vdso.bias()).forEach(s -> names.add(s.name()));
        }
        modules.moduleAt(frame.lookupPc()).ifPresent(m -> m.functionAt(m.staticAddress(frame.lookupPc())).ifPresent(hit ->
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
