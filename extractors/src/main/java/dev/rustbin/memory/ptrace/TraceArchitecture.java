package dev.rustbin.memory.ptrace;

import dev.rustbin.memory.RegisterLayout;
import dev.rustbin.memory.SnapshotException;

/**
 * What tracing needs to know about the processor: the register block PTRACE_GETREGSET returns for
 * NT_PRSTATUS (the same user_regs_struct a core holds, so one {@link RegisterLayout} serves both),
 * the breakpoint instruction, and how far the program counter has moved when its trap is reported.
 * Adding aarch64 means one constant here (BRK #0, the PC not advanced) and its register layout.
 */
enum TraceArchitecture {

    /** int3; the trap is reported with rip just past it. */
    X86_64(RegisterLayout.X86_64, new byte[] {(byte) 0xcc}, 1);

    private final RegisterLayout layout;
    private final byte[] breakpoint;
    private final int pcAfterTrap;

    TraceArchitecture(RegisterLayout layout, byte[] breakpoint, int pcAfterTrap) {
        this.layout = layout;
        this.breakpoint = breakpoint;
        this.pcAfterTrap = pcAfterTrap;
    }

    static TraceArchitecture current() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!"Linux".equals(os)) {
            throw new SnapshotException("live snapshots need Linux ptrace; this is " + os);
        }
        if ("amd64".equals(arch) || "x86_64".equals(arch)) {
            return X86_64;
        }
        throw new SnapshotException("live snapshots support x86_64 Linux only; this JVM runs on " + arch);
    }

    RegisterLayout layout() {
        return layout;
    }

    byte[] breakpoint() {
        return breakpoint.clone();
    }

    /** Where a thread stopped by the breakpoint at {@code address} reports its program counter. */
    long pcAfterTrap(long address) {
        return address + pcAfterTrap;
    }
}
