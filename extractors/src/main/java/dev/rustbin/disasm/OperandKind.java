package dev.rustbin.disasm;

/** What an operand of {@link InstructionDetail} is. */
public enum OperandKind {
    REGISTER,
    IMMEDIATE,
    MEMORY,
    FLOAT,
    /** AArch64 system registers, barriers, prefetch and similar operands we do not break down. */
    OTHER
}
