package dev.rustbin.memory.heap;

/**
 * Where glibc's malloc keeps its state on x86_64, for one glibc release. The offsets were checked
 * with gdb's {@code ptype/o} against Debian 12's glibc 2.36 with libc6-dbg (malloc_state 2200 bytes,
 * malloc_par with sbrk_base at 96, heap_info 48 bytes, tcache_perthread_struct 640 bytes); the
 * other releases differ where glibc's history says they do: malloc_par and heap_info grew by the
 * huge-page fields in 2.35, tcache counts widened to uint16 in 2.30, pointers in fastbins and
 * tcache lists are mangled (safe-linking) since 2.32, tcache entries carry a key since 2.29 (the
 * owning tcache until 2.33, the random {@code tcache_key} since 2.34). Only 2.36 was checked on a
 * real libc here; releases after 2.41 (2.42 reworked the tcache) and before 2.27 (no
 * {@code have_fastchunks} field) are refused rather than guessed.
 */
record GlibcLayout(int minor) {

    static final int OLDEST_MINOR = 27;
    static final int NEWEST_MINOR = 41;

    static final long SIZE_SZ = 8;
    static final long CHUNK_HDR = 16;
    static final long MIN_CHUNK = 32;
    static final long ALIGN_MASK = 15;
    static final long PREV_INUSE = 1;
    static final long IS_MMAPPED = 2;
    static final long NON_MAIN_ARENA = 4;
    static final long FLAGS = 7;
    /** HEAP_MAX_SIZE: 2 * DEFAULT_MMAP_THRESHOLD_MAX on 64-bit; heap_info blocks are aligned to it. */
    static final long HEAP_MAX = 64L << 20;

    static final int FASTBINS = 10;
    static final int BINS = 127;
    static final int TCACHE_BINS = 64;

    static final long STATE_FLAGS = 4;
    static final long STATE_FASTBINS = 16;
    static final long STATE_TOP = 96;
    static final long STATE_BINS = 112;
    static final long STATE_NEXT = 2160;
    static final long STATE_SYSTEM_MEM = 2184;
    static final long STATE_SIZE = 2200;

    static boolean supported(int minor) {
        return minor >= OLDEST_MINOR && minor <= NEWEST_MINOR;
    }

    private boolean hugePageFields() {
        return minor >= 35;
    }

    long mpNMmaps() {
        return hugePageFields() ? 60 : 40;
    }

    long mpMmappedMem() {
        return hugePageFields() ? 80 : 56;
    }

    long mpSbrkBase() {
        return hugePageFields() ? 96 : 72;
    }

    long mpTcacheCount() {
        return hugePageFields() ? 120 : 96;
    }

    long heapInfoSize() {
        return hugePageFields() ? 48 : 32;
    }

    long heapInfoSizeField() {
        return 16;
    }

    boolean safeLinking() {
        return minor >= 32;
    }

    /** Width of tcache_perthread_struct.counts[i]. */
    int tcacheCountWidth() {
        return minor >= 30 ? 2 : 1;
    }

    long tcacheEntriesOffset() {
        return TCACHE_BINS * (long) tcacheCountWidth();
    }

    /** The chunk size malloc gives the tcache_perthread_struct: request2size(sizeof). */
    long tcacheStructChunkSize() {
        return requestToChunkSize(tcacheEntriesOffset() + TCACHE_BINS * 8L);
    }

    boolean tcacheKeyed() {
        return minor >= 29;
    }

    boolean tcacheKeyIsRandom() {
        return minor >= 34;
    }

    /** glibc's request2size. */
    static long requestToChunkSize(long request) {
        return Math.max(MIN_CHUNK, (request + SIZE_SZ + ALIGN_MASK) & ~ALIGN_MASK);
    }

    /** REVEAL_PTR: a list pointer stored at {@code slot}, unmangled. */
    long reveal(long slot, long stored) {
        return safeLinking() ? (slot >>> 12) ^ stored : stored;
    }

    /** bin_at(arena, i): the fake chunk whose fd/bk are bins[2(i-1)] and bins[2(i-1)+1]. */
    static long binAt(long arena, int i) {
        return arena + STATE_BINS + (i - 1) * 16L - 16;
    }
}
