package dev.rustbin.memory.unwind;

import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.ProcessSnapshot;
import dev.rustbin.memory.ThreadState;
import dev.rustbin.memory.core.CoreFileReader;
import java.nio.file.Path;

/**
 * bench/unwind.sh's measuring side: unwinds every thread of a core once cold (modules opened and
 * CFI read on demand) and then {@code rounds} times warm, and prints both times and the frame count.
 */
public final class UnwindBenchmark {

    private UnwindBenchmark() {
    }

    public static void main(String[] args) {
        Path core = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        long start = System.nanoTime();
        try (ProcessSnapshot snapshot = CoreFileReader.read(core); ProcessModules modules = ProcessModules.of(snapshot)) {
            StackUnwinder unwinder = new StackUnwinder(modules);
            FrameSymbolizer symbolizer = new FrameSymbolizer(modules);
            int frames = unwindAll(snapshot, unwinder, symbolizer);
            long cold = System.nanoTime() - start;
            long warmStart = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                unwindAll(snapshot, unwinder, symbolizer);
            }
            long warm = rounds == 0 ? 0 : (System.nanoTime() - warmStart) / rounds;
            System.out.printf("threads=%d frames=%d cold_ms=%.1f warm_ms=%.3f%n",
                    snapshot.threads().size(), frames, cold / 1e6, warm / 1e6);
        }
    }

    private static int unwindAll(ProcessSnapshot snapshot, StackUnwinder unwinder, FrameSymbolizer symbolizer) {
        int frames = 0;
        for (ThreadState thread : snapshot.threads()) {
            for (StackFrame frame : unwinder.unwind(thread, snapshot.memory())) {
                if (symbolizer.symbolize(frame).module() != null) {
                    frames++;
                }
            }
        }
        return frames;
    }
}
