package dev.rustbin.disasm;

import java.nio.file.Path;

/**
 * Throughput of {@link Disassembler} over one section of a binary, single thread: run by
 * bench/disasm.sh, which also times objdump on the same section. Not a unit test: timings on a
 * shared machine are not assertions.
 *
 * <p>Arguments: FILE [SECTION=.text] [ROUNDS=3] [detail=false]. Prints one line of key=value pairs.
 */
public final class DisassemblerBenchmark {

    private DisassemblerBenchmark() {}

    /** Consumes what a table writer would, so the JIT cannot drop the work. */
    private static final class CountingSink implements InstructionSink {
        long instructions;
        long checksum;

        @Override
        public void instruction(long address, int size, InstructionBytes bytes, String mnemonic,
                String operands, int flags, long target) {
            instructions++;
            checksum += size + operands.length() + mnemonic.hashCode() + flags + target;
        }
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String sectionName = args.length > 1 ? args[1] : ".text";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean detail = args.length > 3 && Boolean.parseBoolean(args[3]);
        ElfSections elf = new ElfSections(file);
        ElfSections.Section section = elf.section(sectionName);
        Architecture arch = Architecture.fromElfMachine(elf.machine).orElseThrow();
        try (Disassembler disassembler = new Disassembler(arch, detail)) {
            // round 0 warms up the JIT and pages the file in
            double best = Double.MAX_VALUE;
            CountingSink sink = null;
            for (int round = 0; round <= rounds; round++) {
                sink = new CountingSink();
                InstructionSink target = sink;
                InstructionSink measured = detail
                        ? (a, s, b, m, o, f, t) -> {
                            target.instruction(a, s, b, m, o, f, disassembler.detail().operandCount());
                        }
                        : sink;
                long start = System.nanoTime();
                disassembler.disassemble(elf.bytes(section), section.address(), measured);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round > 0) {
                    best = Math.min(best, seconds);
                }
            }
            System.out.printf("file=%s section=%s bytes=%d instructions=%d best_seconds=%.3f "
                            + "instructions_per_second=%.0f detail=%s checksum=%d%n",
                    file, sectionName, section.size(), sink.instructions, best,
                    sink.instructions / best, detail, sink.checksum);
        }
    }
}
