package dev.rustbin.schema;

import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.int64;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.disasm.InstructionDetail;
import dev.rustbin.disasm.InstructionRow;
import dev.rustbin.disasm.InstructionScan;
import dev.rustbin.disasm.OperandKind;
import dev.rustbin.schema.ScanRequest.AddressRange;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code instruction_operands}: addressing modes, one row per operand (Capstone detail mode). It
 * prunes like {@code instructions}: its predicates on path, section, function and instruction
 * address narrow what is disassembled.
 */
public final class InstructionOperandsTable {

    private InstructionOperandsTable() {
    }

    /** One operand with the instruction it belongs to. */
    public record OperandOf(InstructionRow instruction, InstructionRow.OperandRow operand) {
    }

    public static final TableSchema<OperandOf> TABLE = TableSchema.<OperandOf>streamed("instruction_operands",
            "One row per operand of each instruction (x86 and AArch64): register, immediate or memory addressing mode, and how "
                    + "the instruction accesses it.",
            (b, request) -> new OperandRows(new InstructionScan(b.image(), asInstructionRequest(request))),
            List.of(
                    Column.path(),
                    uint64("instruction_address", "address of the instruction", (b, o) -> o.instruction().address(), false),
                    utf8("mnemonic", "the instruction's mnemonic", (b, o) -> o.instruction().mnemonic(), false),
                    utf8("section_name", "executable section holding the instruction", (b, o) -> o.instruction().section(), false),
                    utf8("symbol_name", "function holding the instruction",
                            (b, o) -> o.instruction().function() == null ? null : o.instruction().function().name(), true),
                    int32("operand_index", "position of the operand, 0-based", (b, o) -> o.operand().index(), false),
                    utf8("kind", "reg, imm, mem, fp or other", (b, o) -> kind(o.operand().kind()), false),
                    utf8("register", "register of a reg operand", (b, o) -> o.operand().register(), true),
                    int64("immediate", "value of an imm operand (absolute for branch targets)",
                            (b, o) -> o.operand().kind() == OperandKind.IMMEDIATE ? o.operand().immediate() : null, true),
                    utf8("base", "base register of a mem operand", (b, o) -> o.operand().base(), true),
                    utf8("index_register", "index register of a mem operand", (b, o) -> o.operand().indexRegister(), true),
                    int32("scale", "index multiplier of a mem operand",
                            (b, o) -> o.operand().kind() == OperandKind.MEMORY ? o.operand().scale() : null, true),
                    int64("displacement", "displacement of a mem operand",
                            (b, o) -> o.operand().kind() == OperandKind.MEMORY ? o.operand().displacement() : null, true),
                    utf8("access", "read, write, read-write, or NULL when Capstone does not know", (b, o) -> access(o.operand().access()), true),
                    int32("size", "operand size in bytes (x86; 0 when unknown)", (b, o) -> o.operand().size(), false))).cached("section_name", "symbol_name", "instruction_address");

    /** This table's address is the instruction's; everything else prunes under the same names. */
    private static ScanRequest asInstructionRequest(ScanRequest request) {
        AddressRange range = request.rangeOf("instruction_address");
        Map<String, AddressRange> ranges = range.equals(AddressRange.ALL) ? Map.of() : Map.of("address", range);
        Set<String> columns = new HashSet<>(request.columns());
        columns.add("operand_index");
        columns.add("symbol_name");
        return new ScanRequest(Set.copyOf(columns), request.allowedValues(), ranges);
    }

    private static String kind(OperandKind kind) {
        return switch (kind) {
            case REGISTER -> "reg";
            case IMMEDIATE -> "imm";
            case MEMORY -> "mem";
            case FLOAT -> "fp";
            case OTHER -> "other";
        };
    }

    private static String access(int access) {
        boolean read = (access & InstructionDetail.ACCESS_READ) != 0;
        boolean write = (access & InstructionDetail.ACCESS_WRITE) != 0;
        return read && write ? "read-write" : read ? "read" : write ? "write" : null;
    }

    /** Flattens instructions into their operands, closing the scan when done. */
    private static final class OperandRows implements Iterator<OperandOf>, AutoCloseable {
        private final InstructionScan scan;
        private Iterator<InstructionRow.OperandRow> operands = Collections.emptyIterator();
        private InstructionRow instruction;

        OperandRows(InstructionScan scan) {
            this.scan = scan;
        }

        @Override
        public boolean hasNext() {
            while (!operands.hasNext()) {
                if (!scan.hasNext()) {
                    return false;
                }
                instruction = scan.next();
                operands = instruction.operands().iterator();
            }
            return true;
        }

        @Override
        public OperandOf next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return new OperandOf(instruction, operands.next());
        }

        @Override
        public void close() {
            scan.close();
        }
    }
}
