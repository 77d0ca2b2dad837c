package dev.rustbin.memory.unwind;

/**
 * A CIE: what the FDEs that point to it share (alignment factors, the return-address column, how
 * their pointers are encoded, whether they describe signal frames) and the initial instructions.
 *
 * @param section          the section the entry lives in (its instructions are read from there)
 * @param fdeEncoding      DW_EH_PE encoding of the FDEs' pc_begin/pc_range ('R'); absptr when absent
 * @param augmentationData true for a 'z' augmentation: FDEs carry an augmentation length too
 * @param signalFrame      'S': its FDEs describe signal trampolines, whose caller's pc is exact
 */
record CommonInformationEntry(CfiSection section, int offset, int version, String augmentation,
                              long codeAlignment, long dataAlignment, int returnAddressRegister,
                              int fdeEncoding, boolean augmentationData, boolean signalFrame,
                              int addressSize, int instructionsStart, int instructionsEnd) {
}
