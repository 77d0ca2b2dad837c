package dev.rustbin.memory.unwind;

import dev.rustbin.memory.AddressSpace;
import java.util.Arrays;

/**
 * What unwinding needs to know of x86_64 Linux beyond CFI: the DWARF numbers of the stack, frame
 * and return-address registers, the frame-pointer convention (push rbp; mov rsp, rbp), and the
 * kernel's signal frame that {@code __restore_rt} returns through.
 */
final class X86_64Frames {

    static final int RBP = 6;
    static final int RSP = 7;
    static final int RIP = 16;

    /** {@code mov $15, %rax; syscall}: rt_sigreturn, the whole body of glibc's __restore_rt. */
    private static final byte[] RESTORE_RT = {0x48, (byte) 0xc7, (byte) 0xc0, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05};
    /** Offset of the syscall instruction in it (a thread stopped on it is still in the trampoline). */
    private static final int SYSCALL_OFFSET = 7;
    /** uc_flags, uc_link and uc_stack come before uc_mcontext's general registers. */
    private static final int GREGS_OFFSET = 40;
    /** Kernel ucontext (304 bytes) and siginfo (128): what the kernel pushed, after the handler returned. */
    private static final int SIGNAL_FRAME_BYTES = 432;
    /** How far the interrupted stack pointer may lie above the signal frame to count as the same stack. */
    private static final long SAME_STACK_DISTANCE = 1 << 20;
    /** Index in mcontext's gregs (REG_R8 = 0 ... REG_RIP = 16) of each DWARF register 0..16. */
    private static final int[] GREG_OF_DWARF = {13, 12, 14, 11, 9, 8, 10, 15, 0, 1, 2, 3, 4, 5, 6, 7, 16};

    private X86_64Frames() {
    }

    /** True when the code at {@code pc} is the sigreturn trampoline (at its start, or on its syscall). */
    static boolean isSignalTrampoline(CodeBytes code, long pc) {
        byte[] bytes = new byte[RESTORE_RT.length];
        return (code.read(pc, bytes) && Arrays.equals(bytes, RESTORE_RT))
                || (code.read(pc - SYSCALL_OFFSET, bytes) && Arrays.equals(bytes, RESTORE_RT));
    }

    /** The interrupted registers, from the ucontext at the trampoline frame's stack pointer. */
    static Unwound unwindSignal(RegisterFile registers, AddressSpace memory) {
        long sp = registers.get(RSP);
        RegisterFile interrupted = new RegisterFile(registers.count());
        for (int r = 0; r < GREG_OF_DWARF.length && r < registers.count(); r++) {
            long at = sp + GREGS_OFFSET + 8L * GREG_OF_DWARF[r];
            interrupted.set(r, memory.readU64(at).orElseThrow(() -> new CfiFormatException(String.format("signal frame at 0x%x is not in the snapshot", at))));
        }
        long interruptedSp = interrupted.get(RSP);
        boolean sameStack = Long.compareUnsigned(interruptedSp, sp) > 0 && interruptedSp - sp <= SAME_STACK_DISTANCE;
        return new Unwound(sameStack ? interruptedSp : sp + SIGNAL_FRAME_BYTES, interrupted, true, UnwindMethod.SIGNAL);
    }

    /** The caller through the saved frame pointer: [rbp] is the caller's rbp, [rbp + 8] the return address. */
    static Unwound unwindFramePointer(RegisterFile registers, AddressSpace memory) {
        long rbp = registers.get(RBP);
        long sp = registers.get(RSP);
        if ((rbp & 7) != 0 || Long.compareUnsigned(rbp, sp) < 0) {
            throw new CfiFormatException(String.format("rbp 0x%x is not a frame pointer", rbp));
        }
        long savedRbp = memory.readU64(rbp).orElseThrow(() -> new CfiFormatException("frame pointer not in the snapshot"));
        long returnAddress = memory.readU64(rbp + 8).orElseThrow(() -> new CfiFormatException("frame pointer not in the snapshot"));
        RegisterFile caller = registers.copy();
        caller.set(RBP, savedRbp);
        caller.set(RIP, returnAddress);
        caller.set(RSP, rbp + 16);
        return new Unwound(rbp + 16, caller, false, UnwindMethod.FRAME_POINTER);
    }
}
