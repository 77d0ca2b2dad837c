package dev.rustbin.memory.heap;

import java.util.OptionalLong;

/**
 * Where glibc's malloc keeps its globals in a process: main_arena always; mp_ and tcache_key when
 * debug symbols name them (the checked search finds only main_arena).
 *
 * @param how a short text for users saying how main_arena was found
 */
record MallocAnchors(long mainArena, OptionalLong mp, OptionalLong tcacheKey, String how) {
}
