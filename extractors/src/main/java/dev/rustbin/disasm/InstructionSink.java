package dev.rustbin.disasm;

/**
 * Receives decoded instructions in address order, every byte of the input covered exactly once.
 * Arguments are primitives and objects reused across calls, so the hot loop allocates only the
 * operand string: copy what must outlive the call.
 */
@FunctionalInterface
public interface InstructionSink {

    /**
     * @param address virtual address of the first byte
     * @param size length in bytes
     * @param bytes view of the instruction's bytes, reused and valid during this call only
     * @param mnemonic the mnemonic, {@code .byte} for undecodable data; {@link String#intern interned},
     *     so it may be compared with ==
     * @param operands Capstone's operand text, empty when there is none
     * @param flags {@link InstructionFlags} bits
     * @param target the branch destination when {@code flags} has {@link InstructionFlags#DIRECT},
     *     else 0
     */
    void instruction(long address, int size, InstructionBytes bytes, String mnemonic, String operands,
            int flags, long target);
}
