package dev.rustbin.schema;

import static dev.rustbin.schema.Column.binary;
import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.disasm.FunctionIndex;
import dev.rustbin.disasm.InstructionFlags;
import dev.rustbin.disasm.InstructionRow;
import dev.rustbin.disasm.InstructionScan;
import dev.rustbin.dwarf.SourceLocation;
import dev.rustbin.dwarf.SourceLocator;
import dev.rustbin.format.BinaryImage;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@code instructions}: the SOP's "opcodes, operands, addressing modes" as one row per decoded
 * instruction of the executable sections. Computed on demand: only the byte ranges the query's
 * path, section, symbol and address predicates allow are disassembled, and detail columns switch on
 * Capstone's (slower) detail mode only when selected.
 */
public final class InstructionsTable {

    private InstructionsTable() {
    }

    public static final TableSchema<InstructionRow> TABLE = TableSchema.streamed("instructions",
            "One row per instruction of the executable sections, decoded by Capstone. Bytes it cannot decode become rows "
                    + "with is_data true (mnemonic .byte) and the sweep goes on. x86 instructions newer than Capstone 4 (AVX-512, VAES, "
                    + "VPCLMULQDQ, rdpkru, ...) are stepped over whole and named as objdump names them, or (unknown), with their bytes as "
                    + "operands. Decoding restarts at every function start (symbols, ELF .eh_frame FDEs, Mach-O LC_FUNCTION_STARTS, PE .pdata) "
                    + "and stops at the next, as objdump stops at the next symbol, so data before a function never carries it out of step "
                    + "and every query decodes an address the same way. Filters on path, section_name, symbol_name and address limit "
                    + "what is disassembled.",
            (b, request) -> new InstructionScan(b.image(), request),
            List.of(
                    Column.path(),
                    uint64("address", "virtual address of the instruction", (b, r) -> r.address(), false),
                    int32("size", "length in bytes", (b, r) -> r.size(), false),
                    binary("bytes", "the instruction's machine code", (b, r) -> ByteBuffer.wrap(r.bytes()), false),
                    utf8("mnemonic", "opcode mnemonic (Intel syntax on x86), e.g. mov, call, ret", (b, r) -> r.mnemonic(), false),
                    utf8("operands", "operand text, e.g. qword ptr [rbp - 8], rax", (b, r) -> r.operandText(), false),
                    utf8("section_name", "executable section holding the instruction", (b, r) -> r.section(), false),
                    utf8("symbol_name", "function (symbol) whose extent holds the instruction; NULL outside any",
                            (b, r) -> r.function() == null ? null : r.function().name(), true),
                    uint64("symbol_offset", "offset from the start of that function",
                            (b, r) -> r.function() == null ? null : r.address() - r.function().address(), true),
                    bool("is_call", "a call, direct or indirect", (b, r) -> InstructionFlags.isCall(r.flags()), false),
                    bool("is_jump", "a jump, conditional or not, direct or indirect", (b, r) -> InstructionFlags.isJump(r.flags()), false),
                    bool("is_conditional", "the branch may fall through (jcc, b.cond, cbz, ...)",
                            (b, r) -> InstructionFlags.isConditional(r.flags()), false),
                    bool("is_return", "a return", (b, r) -> InstructionFlags.isReturn(r.flags()), false),
                    bool("is_data", "bytes that are not a decodable instruction (mnemonic .byte)", (b, r) -> InstructionFlags.isData(r.flags()), false),
                    uint64("branch_target", "destination of a direct call or jump; NULL for indirect branches and other instructions",
                            (b, r) -> InstructionFlags.hasTarget(r.flags()) ? r.target() : null, true),
                    utf8("target_symbol", "function holding branch_target",
                            (b, r) -> targetSymbol(b.image(), r), true),
                    utf8("instruction_groups", "Capstone instruction groups, comma-separated (e.g. call,branch_relative or avx2)",
                            (b, r) -> r.groups(), true),
                    utf8("registers_read", "registers read, explicit and implicit, comma-separated", (b, r) -> r.registersRead(), true),
                    utf8("registers_written", "registers written, explicit and implicit, comma-separated",
                            (b, r) -> r.registersWritten(), true),
                    utf8("source_file", "source file of the instruction by the DWARF line table (as objdump -l shows it); NULL without debug info",
                            (b, r) -> {
                                SourceLocation at = sourceLine(b.image(), r);
                                return at == null ? null : at.file();
                            }, true),
                    int32("source_line", "source line of the instruction by the DWARF line table, 0 when the compiler gave none",
                            (b, r) -> {
                                SourceLocation at = sourceLine(b.image(), r);
                                return at == null ? null : (int) at.line();
                            }, true)));

    private static SourceLocation sourceLine(BinaryImage image, InstructionRow row) {
        return SourceLocator.of(image).lineAt(row.address());
    }

    private static String targetSymbol(BinaryImage image, InstructionRow row) {
        if (!InstructionFlags.hasTarget(row.flags())) {
            return null;
        }
        FunctionIndex.Function target = FunctionIndex.of(image).containing(row.target());
        return target == null ? null : target.name();
    }
}
