package dev.rustbin.memory.reach;

/**
 * One pointer to a live chunk: an aligned word, in a live chunk or a root, whose value lies in the
 * target chunk's usable bytes (its start, or inside it: an interior pointer, which memcheck counts
 * as "possibly" rather than "still" reachable).
 *
 * @param rootKind    where the word lies when it is a root; null when it lies in a chunk
 * @param threadId    the thread of a register, stack or tls root, else null
 * @param register    the register's name for register roots, else null
 * @param fromAddress where the word is; null for a register
 * @param fromChunk   the walk position of the chunk holding the word, or -1 for a root
 * @param fromStart   that chunk's start (the pointer malloc returned), or null for a root
 * @param toChunk     the walk position of the chunk pointed to
 * @param toStart     that chunk's start
 * @param toOffset    how far into it the pointer points: 0 for a pointer to its start
 */
public record HeapReference(RootKind rootKind, Long threadId, String register, Long fromAddress, int fromChunk, Long fromStart,
                            int toChunk, long toStart, long toOffset) {

    /** How far into the chunk holding it the word lies, or null for a root. */
    public Long fromOffset() {
        return fromStart == null ? null : fromAddress - fromStart;
    }
}
