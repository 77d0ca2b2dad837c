package dev.rustbin.memory.unwind;

/** How a frame's registers were found. */
public enum UnwindMethod {
    /** Frame 0: the thread's own registers. */
    REGISTERS("registers"),
    /** Recovered with the callee's call frame information (.eh_frame or .debug_frame). */
    CFI("cfi"),
    /** Recovered through the callee's saved frame pointer (it had no CFI). */
    FRAME_POINTER("frame-pointer"),
    /** The interrupted frame of a signal: registers from the ucontext the kernel saved on the stack. */
    SIGNAL("signal");

    private final String label;

    UnwindMethod(String label) {
        this.label = label;
    }

    /** The name used in tables and reports. */
    public String label() {
        return label;
    }
}
