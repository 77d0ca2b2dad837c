package dev.rustbin.memory.unwind;

import dev.rustbin.memory.AddressSpace;

/** Applies one CFI row to a frame's registers: the CFA, then each register's rule, give the caller's registers. */
final class CfiStep {

    private CfiStep() {
    }

    /**
     * @param bias    the module's load bias (for DW_OP_addr)
     * @param sp      DWARF number of the stack pointer, whose caller value is the CFA unless a rule says otherwise
     * @param pc      DWARF number of the program counter, which receives the return-address column
     */
    static Unwound apply(FrameDescriptionEntry fde, UnwindRow row, RegisterFile registers, AddressSpace memory,
                         long bias, int sp, int pc) {
        long cfa = row.cfaExpression() != null
                ? DwarfExpression.evaluate(row.cfaExpression(), registers, memory, bias, null)
                : registers.get(row.cfaRegister()) + row.cfaOffset();
        int returnColumn = fde.cie().returnAddressRegister();
        if (returnColumn >= row.registers() || row.rule(returnColumn).kind() == RegisterRule.Kind.UNDEFINED) {
            return new Unwound(cfa, null, false, UnwindMethod.CFI);
        }
        RegisterFile caller = registers.copy();
        caller.set(sp, cfa);
        for (int r = 0; r < row.registers(); r++) {
            RegisterRule rule = row.rule(r);
            switch (rule.kind()) {
                case SAME_VALUE -> { }
                case UNDEFINED -> caller.forget(r);
                case OFFSET -> caller.set(r, load(memory, cfa + rule.operand()));
                case VAL_OFFSET -> caller.set(r, cfa + rule.operand());
                case REGISTER -> caller.set(r, registers.get(rule.operand()));
                case EXPRESSION -> caller.set(r, load(memory, DwarfExpression.evaluate(rule.expression(), registers, memory, bias, cfa)));
                case VAL_EXPRESSION -> caller.set(r, DwarfExpression.evaluate(rule.expression(), registers, memory, bias, cfa));
            }
        }
        caller.set(pc, caller.get(returnColumn));
        boolean signal = fde.cie().signalFrame();
        return new Unwound(cfa, caller, signal, signal ? UnwindMethod.SIGNAL : UnwindMethod.CFI);
    }

    private static long load(AddressSpace memory, long address) {
        return memory.readU64(address)
                .orElseThrow(() -> new CfiFormatException(String.format("saved register at 0x%x is not in the snapshot", address)));
    }
}
