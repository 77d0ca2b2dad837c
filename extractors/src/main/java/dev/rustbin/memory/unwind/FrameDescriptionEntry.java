package dev.rustbin.memory.unwind;

/**
 * An FDE: the CFI instructions for the static addresses {@code [pcBegin, pcEnd)}, read in the
 * context of its CIE.
 */
record FrameDescriptionEntry(CommonInformationEntry cie, int offset, long pcBegin, long pcEnd,
                             int instructionsStart, int instructionsEnd) {

    boolean covers(long pc) {
        return Long.compareUnsigned(pc, pcBegin) >= 0 && Long.compareUnsigned(pc, pcEnd) < 0;
    }
}
