package dev.rustbin.disasm;

import java.util.List;

/**
 * One decoded instruction as the instructions tables see it. Columns a query does not select stay
 * empty: {@code bytes} null, {@code function} null, detail fields null.
 *
 * @param function the function holding the instruction, when known and asked for
 * @param groups   Capstone groups, comma-separated (detail)
 * @param operands broken-down operands (detail), empty without detail
 */
public record InstructionRow(
        String section,
        long address,
        int size,
        byte[] bytes,
        String mnemonic,
        String operandText,
        int flags,
        long target,
        FunctionIndex.Function function,
        String groups,
        String registersRead,
        String registersWritten,
        List<OperandRow> operands) {

    /** One operand of an instruction (detail mode). */
    public record OperandRow(int index, OperandKind kind, String register, long immediate, String base, String indexRegister,
                             int scale, long displacement, int access, int size) {
    }
}
