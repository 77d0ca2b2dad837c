package dev.rustbin.memory.unwind;

import dev.rustbin.dwarf.DwarfCursor;
import java.util.ArrayDeque;

/**
 * Runs the DW_CFA instructions of a CIE and an FDE up to a pc and gives the row in force there.
 * Work is bounded by the instruction bytes (every instruction consumes at least one) and the
 * remember/restore stack by {@link #MAX_REMEMBERED} rows.
 */
final class CfiInterpreter {

    static final int MAX_REMEMBERED = 64;

    private CfiInterpreter() {
    }

    /** The row for static {@code pc} inside {@code fde}, with rules for DWARF registers below {@code registers}. */
    static UnwindRow rowAt(FrameDescriptionEntry fde, long pc, int registers) {
        CommonInformationEntry cie = fde.cie();
        CfiSection section = cie.section();
        UnwindRow initial = new UnwindRow(registers);
        run(section.cursor(cie.instructionsStart(), cie.instructionsEnd()), cie, initial, null, fde.pcBegin(), -1L);
        UnwindRow row = initial.copy();
        run(section.cursor(fde.instructionsStart(), fde.instructionsEnd()), cie, row, initial, fde.pcBegin(), pc);
        return row;
    }

    /** Executes instructions while the location is at or below {@code target} (unsigned; -1: all of them). */
    private static void run(DwarfCursor c, CommonInformationEntry cie, UnwindRow row, UnwindRow initial, long start, long target) {
        ArrayDeque<UnwindRow> remembered = new ArrayDeque<>();
        long location = start;
        long code = cie.codeAlignment();
        long data = cie.dataAlignment();
        while (c.hasMore()) {
            int op = c.u8();
            int low = op & 0x3f;
            long next = location;
            switch (op & 0xc0) {
                case 0x40 -> next = location + low * code;
                case 0x80 -> row.setRule(low, new RegisterRule(RegisterRule.Kind.OFFSET, c.uleb() * data, null));
                case 0xc0 -> row.restore(low, initial);
                default -> {
                    switch (op) {
                        case 0x00 -> { }
                        case 0x01 -> next = cie.section().pointers().read(c, cie.fdeEncoding(), 0);
                        case 0x02 -> next = location + c.u8() * code;
                        case 0x03 -> next = location + c.u16() * code;
                        case 0x04 -> next = location + c.u32() * code;
                        case 0x05 -> row.setRule(c.uleb(), new RegisterRule(RegisterRule.Kind.OFFSET, c.uleb() * data, null));
                        case 0x06 -> row.restore(c.uleb(), initial);
                        case 0x07 -> row.setRule(c.uleb(), RegisterRule.UNDEFINED);
                        case 0x08 -> row.setRule(c.uleb(), RegisterRule.SAME);
                        case 0x09 -> row.setRule(c.uleb(), new RegisterRule(RegisterRule.Kind.REGISTER, c.uleb(), null));
                        case 0x0a -> {
                            if (remembered.size() >= MAX_REMEMBERED) {
                                throw new CfiFormatException("more than " + MAX_REMEMBERED + " remembered CFI states");
                            }
                            remembered.push(row.copy());
                        }
                        case 0x0b -> restoreState(row, remembered);
                        case 0x0c -> row.defineCfa((int) c.uleb(), c.uleb());
                        case 0x0d -> row.defineCfaRegister((int) c.uleb());
                        case 0x0e -> row.defineCfaOffset(c.uleb());
                        case 0x0f -> row.defineCfaExpression(c.block(c.uleb()));
                        case 0x10 -> {
                            long register = c.uleb();
                            row.setRule(register, new RegisterRule(RegisterRule.Kind.EXPRESSION, 0, c.block(c.uleb())));
                        }
                        case 0x11 -> row.setRule(c.uleb(), new RegisterRule(RegisterRule.Kind.OFFSET, c.sleb() * data, null));
                        case 0x12 -> row.defineCfa((int) c.uleb(), c.sleb() * data);
                        case 0x13 -> row.defineCfaOffset(c.sleb() * data);
                        case 0x14 -> row.setRule(c.uleb(), new RegisterRule(RegisterRule.Kind.VAL_OFFSET, c.uleb() * data, null));
                        case 0x15 -> row.setRule(c.uleb(), new RegisterRule(RegisterRule.Kind.VAL_OFFSET, c.sleb() * data, null));
                        case 0x16 -> {
                            long register = c.uleb();
                            row.setRule(register, new RegisterRule(RegisterRule.Kind.VAL_EXPRESSION, 0, c.block(c.uleb())));
                        }
                        // DW_CFA_GNU_args_size: only matters to landing pads, not to finding the caller.
                        case 0x2e -> c.uleb();
                        case 0x2f -> row.setRule(c.uleb(), new RegisterRule(RegisterRule.Kind.OFFSET, -c.uleb() * data, null));
                        default -> throw new CfiFormatException(String.format("unknown CFI instruction 0x%02x", op));
                    }
                }
            }
            if (next != location) {
                location = next;
                if (target != -1L && Long.compareUnsigned(location, target) > 0) {
                    return;
                }
            }
        }
    }

    private static void restoreState(UnwindRow row, ArrayDeque<UnwindRow> remembered) {
        UnwindRow saved = remembered.poll();
        if (saved == null) {
            throw new CfiFormatException("DW_CFA_restore_state without a remembered state");
        }
        // The CFA is part of the remembered state (DWARF 5); so is every register rule.
        if (saved.cfaExpression() != null) {
            row.defineCfaExpression(saved.cfaExpression());
        } else {
            row.defineCfa(saved.cfaRegister(), saved.cfaOffset());
        }
        for (int r = 0; r < row.registers(); r++) {
            row.setRule(r, saved.rule(r));
        }
    }
}
