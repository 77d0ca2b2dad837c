package dev.rustbin.memory.heap;

/**
 * One live malloc chunk.
 *
 * @param startAddress the pointer malloc returned
 * @param usableSize   what malloc_usable_size returns for it: the chunk size minus 8, or minus 16
 *                     for a chunk mmapped on its own
 * @param chunkAddress where the chunk's header starts (16 bytes before {@code startAddress})
 * @param chunkSize    the chunk's size without its flag bits
 * @param arena        the malloc_state that owns it; 0 for a chunk mmapped on its own
 * @param mmapped      true for a chunk mmapped on its own (IS_MMAPPED), such as a 3 MiB Vec
 */
public record HeapChunk(long startAddress, long usableSize, long chunkAddress, long chunkSize, long arena, boolean mmapped) {
}
