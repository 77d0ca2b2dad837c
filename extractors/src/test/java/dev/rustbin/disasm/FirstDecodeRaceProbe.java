package dev.rustbin.disasm;

import java.nio.ByteBuffer;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run by {@link ConcurrentFirstDecodeTest} in a fresh JVM, where Capstone has decoded nothing yet:
 * THREADS threads, each with its own detail-mode disassembler, decode the same run of
 * {@code cmp eax, 0x8000} at the same moment; prints how many came out without their eax operand.
 */
public final class FirstDecodeRaceProbe {

    private static final int THREADS = 16;
    private static final int COPIES = 2000;

    private FirstDecodeRaceProbe() {
    }

    public static void main(String[] args) throws Exception {
        byte[] one = CapstoneLibrary.CMP_EAX_IMM32;
        ByteBuffer code = ByteBuffer.allocateDirect(one.length * COPIES);
        for (int i = 0; i < COPIES; i++) {
            code.put(one);
        }
        code.flip();
        CyclicBarrier ready = new CyclicBarrier(THREADS + 1);
        AtomicBoolean go = new AtomicBoolean();
        AtomicLong decoded = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = new Thread(() -> {
                try (Disassembler disassembler = new Disassembler(Architecture.X86_64, true)) {
                    ready.await();
                    // spin rather than block, so the threads reach their first decode within a few microseconds
                    while (!go.get()) {
                        Thread.onSpinWait();
                    }
                    disassembler.disassemble(code.duplicate(), 0x1000, (address, size, bytes, mnemonic, operands, flags, target) -> {
                        InstructionDetail detail = disassembler.detail();
                        decoded.incrementAndGet();
                        if (detail.operandCount() != 2 || detail.operandKind(0) != OperandKind.REGISTER || !"eax".equals(detail.operandRegister(0))) {
                            wrong.incrementAndGet();
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads[t].start();
        }
        ready.await();
        go.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("decoded " + decoded.get() + " wrong " + wrong.get());
    }
}
