package dev.rustbin.memory.unwind;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One row of the CFI table: how to compute the CFA at a pc (a register plus an offset, or an
 * expression) and a rule per DWARF register. Rules for registers beyond {@code registers} (vector
 * registers) are parsed and dropped: the unwinder does not need them.
 */
final class UnwindRow {

    private int cfaRegister = -1;
    private long cfaOffset;
    private ByteBuffer cfaExpression;
    private final RegisterRule[] rules;

    UnwindRow(int registers) {
        rules = new RegisterRule[registers];
        Arrays.fill(rules, RegisterRule.SAME);
    }

    private UnwindRow(UnwindRow other) {
        cfaRegister = other.cfaRegister;
        cfaOffset = other.cfaOffset;
        cfaExpression = other.cfaExpression;
        rules = other.rules.clone();
    }

    UnwindRow copy() {
        return new UnwindRow(this);
    }

    int cfaRegister() {
        return cfaRegister;
    }

    long cfaOffset() {
        return cfaOffset;
    }

    /** The CFA expression, or null when the CFA is a register plus an offset. */
    ByteBuffer cfaExpression() {
        return cfaExpression;
    }

    void defineCfa(int register, long offset) {
        cfaRegister = register;
        cfaOffset = offset;
        cfaExpression = null;
    }

    void defineCfaRegister(int register) {
        cfaRegister = register;
        cfaExpression = null;
    }

    void defineCfaOffset(long offset) {
        cfaOffset = offset;
    }

    void defineCfaExpression(ByteBuffer expression) {
        cfaExpression = expression;
        cfaRegister = -1;
    }

    int registers() {
        return rules.length;
    }

    RegisterRule rule(int register) {
        return rules[register];
    }

    void setRule(long register, RegisterRule rule) {
        if (register >= 0 && register < rules.length) {
            rules[(int) register] = rule;
        }
    }

    /** DW_CFA_restore: back to the rule the CIE's initial instructions gave the register. */
    void restore(long register, UnwindRow initial) {
        setRule(register, initial == null || register < 0 || register >= rules.length
                ? RegisterRule.SAME : initial.rules[(int) register]);
    }
}
