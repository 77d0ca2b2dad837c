package dev.rustbin.memory.heap;

import java.util.List;

/**
 * One malloc arena (a malloc_state).
 *
 * @param address    the malloc_state's address (main_arena inside libc, or inside a thread heap)
 * @param kind       "main" or "thread"
 * @param top        the top chunk (free memory at the end of the newest heap)
 * @param topSize    its size
 * @param systemMem  malloc_state.system_mem: bytes the arena got from the system
 * @param heaps      its heaps, newest first
 */
public record HeapArena(long address, String kind, long top, long topSize, long systemMem, List<HeapRange> heaps) {
}
