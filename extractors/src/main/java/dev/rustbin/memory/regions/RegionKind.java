package dev.rustbin.memory.regions;

/**
 * What a row of memory_regions describes. The ordinal is part of every region id, so ids stay
 * the same whichever rows a query asks for.
 */
public enum RegionKind {
    MAPPING("mapping"),
    FRAME("frame"),
    CHUNK("chunk"),
    STATIC("static"),
    /** A call the compiler inlined at a frame's pc, listed before the frame as gdb lists it. */
    INLINED_FRAME("inlined_frame");

    private final String label;

    RegionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A region id: snapshot in the top 24 bits, kind in the next 8, position in the low 32. */
    public long regionId(long snapshotId, long position) {
        return (snapshotId << 40) | ((long) ordinal() << 32) | (position & 0xffff_ffffL);
    }
}
