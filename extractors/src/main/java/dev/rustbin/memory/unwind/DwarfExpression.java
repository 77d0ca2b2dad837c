package dev.rustbin.memory.unwind;

import dev.rustbin.dwarf.DwarfCursor;
import dev.rustbin.memory.AddressSpace;
import java.nio.ByteBuffer;

/**
 * A DWARF expression evaluator for the expressions CFI uses (DW_CFA_def_cfa_expression,
 * DW_CFA_expression, DW_CFA_val_expression): glibc's signal trampolines and PLT entries, LLVM's
 * stack realignment. Register values come from the frame being unwound, memory from the snapshot.
 * Work is bounded by {@link #MAX_STEPS} operations and {@link #MAX_STACK} values; anything it
 * cannot evaluate throws {@link CfiFormatException}.
 */
final class DwarfExpression {

    static final int MAX_STEPS = 10_000;
    static final int MAX_STACK = 64;

    private final long[] stack = new long[MAX_STACK];
    private int depth;

    private DwarfExpression() {
    }

    /**
     * The value of {@code expression} with {@code initial} pushed first (the CFA, for register rules).
     *
     * @param bias added to DW_OP_addr operands, which are static addresses of the module
     */
    static long evaluate(ByteBuffer expression, RegisterFile registers, AddressSpace memory, long bias, Long initial) {
        DwarfExpression e = new DwarfExpression();
        if (initial != null) {
            e.push(initial);
        }
        return e.run(new DwarfCursor(expression, 0, 0, expression.limit()), registers, memory, bias);
    }

    private void push(long value) {
        if (depth == MAX_STACK) {
            throw new CfiFormatException("DWARF expression stack overflow");
        }
        stack[depth++] = value;
    }

    private long pop() {
        if (depth == 0) {
            throw new CfiFormatException("DWARF expression stack underflow");
        }
        return stack[--depth];
    }

    private long peek(long index) {
        if (index < 0 || index >= depth) {
            throw new CfiFormatException("DWARF expression picks outside its stack");
        }
        return stack[depth - 1 - (int) index];
    }

    private static long read(AddressSpace memory, long address, int size) {
        byte[] word = new byte[size];
        if (!memory.read(address, word, 0, size)) {
            throw new CfiFormatException(String.format("address 0x%x is not in the snapshot", address));
        }
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | (word[i] & 0xff);
        }
        return value;
    }

    private long run(DwarfCursor c, RegisterFile registers, AddressSpace memory, long bias) {
        for (int steps = 0; c.hasMore(); steps++) {
            if (steps == MAX_STEPS) {
                throw new CfiFormatException("DWARF expression runs more than " + MAX_STEPS + " operations");
            }
            int op = c.u8();
            if (op >= 0x30 && op <= 0x4f) {
                push(op - 0x30);
                continue;
            }
            if (op >= 0x70 && op <= 0x8f) {
                push(registers.get(op - 0x70) + c.sleb());
                continue;
            }
            switch (op) {
                case 0x03 -> push(c.u64() + bias);
                case 0x06 -> push(read(memory, pop(), 8));
                case 0x08 -> push(c.u8());
                case 0x09 -> push((byte) c.u8());
                case 0x0a -> push(c.u16());
                case 0x0b -> push((short) c.u16());
                case 0x0c -> push(c.u32());
                case 0x0d -> push(c.s32());
                case 0x0e, 0x0f -> push(c.u64());
                case 0x10 -> push(c.uleb());
                case 0x11 -> push(c.sleb());
                case 0x12 -> push(peek(0));
                case 0x13 -> pop();
                case 0x14 -> push(peek(1));
                case 0x15 -> push(peek(c.u8()));
                case 0x16 -> {
                    long a = pop();
                    long b = pop();
                    push(a);
                    push(b);
                }
                case 0x17 -> {
                    long a = pop();
                    long b = pop();
                    long d = pop();
                    push(a);
                    push(d);
                    push(b);
                }
                case 0x19 -> push(Math.abs(pop()));
                case 0x1a -> push(pop() & pop());
                case 0x1b -> {
                    long divisor = pop();
                    long dividend = pop();
                    if (divisor == 0) {
                        throw new CfiFormatException("DWARF expression divides by zero");
                    }
                    push(dividend / divisor);
                }
                case 0x1c -> {
                    long b = pop();
                    push(pop() - b);
                }
                case 0x1d -> {
                    long divisor = pop();
                    long dividend = pop();
                    if (divisor == 0) {
                        throw new CfiFormatException("DWARF expression divides by zero");
                    }
                    push(Long.remainderUnsigned(dividend, divisor));
                }
                case 0x1e -> push(pop() * pop());
                case 0x1f -> push(-pop());
                case 0x20 -> push(~pop());
                case 0x21 -> push(pop() | pop());
                case 0x22 -> push(pop() + pop());
                case 0x23 -> push(pop() + c.uleb());
                case 0x24 -> shift(0);
                case 0x25 -> shift(1);
                case 0x26 -> shift(2);
                case 0x27 -> push(pop() ^ pop());
                case 0x28 -> {
                    int offset = (short) c.u16();
                    if (pop() != 0) {
                        c.seek(c.position() + offset);
                    }
                }
                case 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e -> compare(op);
                case 0x2f -> {
                    int offset = (short) c.u16();
                    c.seek(c.position() + offset);
                }
                case 0x92 -> {
                    long register = c.uleb();
                    push(registers.get(register) + c.sleb());
                }
                case 0x94 -> push(read(memory, pop(), sizeOperand(c.u8())));
                case 0x96 -> { }
                default -> throw new CfiFormatException(String.format("DWARF expression operation 0x%02x is not supported in CFI", op));
            }
        }
        return pop();
    }

    private static int sizeOperand(int size) {
        if (size < 1 || size > 8) {
            throw new CfiFormatException("DW_OP_deref_size of " + size + " bytes");
        }
        return size;
    }

    private void shift(int kind) {
        long amount = pop();
        long value = pop();
        if (Long.compareUnsigned(amount, 64) >= 0) {
            push(kind == 2 && value < 0 ? -1 : 0);
            return;
        }
        int n = (int) amount;
        push(kind == 0 ? value << n : kind == 1 ? value >>> n : value >> n);
    }

    /** DW_OP_eq..DW_OP_ne: signed comparisons of the two top values, 1 or 0. */
    private void compare(int op) {
        long b = pop();
        long a = pop();
        boolean result = switch (op) {
            case 0x29 -> a == b;
            case 0x2a -> a >= b;
            case 0x2b -> a > b;
            case 0x2c -> a <= b;
            case 0x2d -> a < b;
            default -> a != b;
        };
        push(result ? 1 : 0);
    }
}
