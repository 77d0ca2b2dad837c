package dev.rustbin.memory.unwind;

import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gdb's physical frames of every thread of a core, through its Python API: inline frames and the
 * tail-call frames gdb infers from DWARF call sites skipped,
 * unwinding past main, each frame's pc and sp and the ELF symbol gdb finds for the lookup pc
 * (the pc itself for frame 0, signal trampolines and the frames signals interrupted, the byte before
 * a return address otherwise).
 */
final class GdbFrames {

    /** One frame as gdb sees it; {@code symbol} is gdb's demangled minimal symbol, or "" when none holds the pc. */
    record Frame(long pc, long sp, String symbol) {
    }

    private static final String SCRIPT = """
            import gdb
            for th in sorted(gdb.selected_inferior().threads(), key=lambda t: t.num):
                th.switch()
                f = gdb.newest_frame()
                exact = True
                while f is not None:
                    if f.type() not in (gdb.INLINE_FRAME, gdb.TAILCALL_FRAME):
                        pc = f.pc()
                        lookup = pc if exact or f.type() == gdb.SIGTRAMP_FRAME else pc - 1
                        info = gdb.execute("info symbol 0x%x" % lookup, to_string=True).strip()
                        name = "" if info.startswith("No symbol") else info.split(" in section ")[0].rsplit(" + ", 1)[0]
                        print("FRAME %d 0x%x 0x%x %s" % (th.ptid[1], pc, int(f.read_register("rsp")), name))
                        exact = f.type() == gdb.SIGTRAMP_FRAME
                    try:
                        f = f.older()
                    except gdb.error:
                        f = None
            """;

    private GdbFrames() {
    }

    /** Frames by thread id (the kernel TID), innermost first. */
    static Map<Long, List<Frame>> of(Path executable, Path core, Path scratch) throws IOException {
        Path script = scratch.resolve("frames.py");
        Files.writeString(script, SCRIPT);
        String out = Tools.run(List.of("gdb", "-batch", "-nx", "-q", "-ex", "set backtrace past-main on",
                "-ex", "set backtrace past-entry on", executable.toString(), core.toString(),
                "-ex", "source " + script));
        Map<Long, List<Frame>> frames = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("FRAME ")) {
                String[] f = line.split(" ", 5);
                frames.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>())
                        .add(new Frame(Long.parseUnsignedLong(f[2].substring(2), 16), Long.parseUnsignedLong(f[3].substring(2), 16), f[4]));
            }
        }
        return frames;
    }
}
