package dev.rustbin.memory.unwind;

import java.nio.ByteBuffer;

/**
 * How the caller's value of one register is recovered in a CFI row (DWARF 5, 6.4.1).
 *
 * @param operand    the offset (OFFSET, VAL_OFFSET, already multiplied by the data alignment) or the
 *                   register number (REGISTER)
 * @param expression the DWARF expression (EXPRESSION, VAL_EXPRESSION), else null
 */
record RegisterRule(Kind kind, long operand, ByteBuffer expression) {

    enum Kind {
        /** Unchanged by the callee: no rule in the CIE or FDE, or DW_CFA_same_value. */
        SAME_VALUE,
        /** Not recoverable (DW_CFA_undefined); on the return-address column: the outermost frame. */
        UNDEFINED,
        /** Saved at CFA + operand. */
        OFFSET,
        /** Is CFA + operand. */
        VAL_OFFSET,
        /** Held in register {@code operand}. */
        REGISTER,
        /** Saved at the address the expression computes (the CFA pushed first). */
        EXPRESSION,
        /** Is the value the expression computes (the CFA pushed first). */
        VAL_EXPRESSION
    }

    static final RegisterRule SAME = new RegisterRule(Kind.SAME_VALUE, 0, null);
    static final RegisterRule UNDEFINED = new RegisterRule(Kind.UNDEFINED, 0, null);
}
