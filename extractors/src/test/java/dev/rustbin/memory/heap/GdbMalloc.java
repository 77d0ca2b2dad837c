package dev.rustbin.memory.heap;

import dev.rustbin.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What gdb reads of glibc's malloc state in a core with libc6-dbg's symbols (the oracle for the heap
 * walker): the arena ring with each arena's top and system_mem, main_arena's unsorted bin, mp_'s
 * mmap counters and sbrk_base, and every thread's tcache pointer.
 */
final class GdbMalloc {

    private static final String SCRIPT = String.join("\n",
            "a = gdb.parse_and_eval('&main_arena')",
            "start = int(a)",
            "while True:",
            "    print('arena %x %x %x' % (int(a), int(a['top']), int(a['system_mem'])))",
            "    a = a['next']",
            "    if int(a) == start:",
            "        break",
            "unsorted = gdb.parse_and_eval('main_arena.bins[0]')",
            "print('unsorted %x %x' % (int(unsorted), int(gdb.parse_and_eval('(long)&main_arena.bins[0]')) - 16))",
            "mp = gdb.parse_and_eval('mp_')",
            "print('mmaps %d %d %x' % (int(mp['n_mmaps']), int(mp['mmapped_mem']), int(mp['sbrk_base'])))",
            "for t in gdb.selected_inferior().threads():",
            "    t.switch()",
            "    print('tcache %x' % int(gdb.parse_and_eval('(long)tcache')))", "");

    final List<String> arenas;
    final long mmapCount;
    final long mmappedBytes;
    final long sbrkBase;
    /** main_arena's unsorted bin: its first chunk, and the bin itself (equal when the bin is empty). */
    final long unsortedFirst;
    final long unsortedBin;
    final List<Long> tcaches = new ArrayList<>();

    private GdbMalloc(List<String> lines) {
        arenas = lines.stream().filter(l -> l.startsWith("arena ")).toList();
        String[] mmaps = lines.stream().filter(l -> l.startsWith("mmaps ")).findFirst().orElseThrow().split(" ");
        mmapCount = Long.parseLong(mmaps[1]);
        mmappedBytes = Long.parseLong(mmaps[2]);
        sbrkBase = Long.parseUnsignedLong(mmaps[3], 16);
        String[] unsorted = lines.stream().filter(l -> l.startsWith("unsorted ")).findFirst().orElseThrow().split(" ");
        unsortedFirst = Long.parseUnsignedLong(unsorted[1], 16);
        unsortedBin = Long.parseUnsignedLong(unsorted[2], 16);
        lines.stream().filter(l -> l.startsWith("tcache ")).map(l -> Long.parseUnsignedLong(l.substring(7), 16))
                .filter(t -> t != 0).forEach(tcaches::add);
    }

    static GdbMalloc of(Path executable, Path core, Path scratch) {
        try {
            Path script = Files.writeString(scratch.resolve("malloc-state.py"), SCRIPT);
            return new GdbMalloc(Tools.run(List.of("gdb", "-batch", "-nx", "-x", script.toString(), executable.toString(), core.toString()))
                    .lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report's arenas as the same "arena ADDRESS TOP SYSTEM_MEM" lines. */
    static List<String> arenaLines(HeapReport report) {
        return report.arenas().stream().map(a -> "arena " + Long.toHexString(a.address()) + " " + Long.toHexString(a.top())
                + " " + Long.toHexString(a.systemMem())).toList();
    }
}
