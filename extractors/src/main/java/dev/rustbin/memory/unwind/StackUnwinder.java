package dev.rustbin.memory.unwind;

import dev.rustbin.dwarf.DwarfFormatException;
import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.ProcessModules;
import dev.rustbin.memory.RegisterLayout;
import dev.rustbin.memory.SnapshotException;
import dev.rustbin.memory.ThreadState;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Unwinds the threads of one snapshot into physical frames, innermost first, with the CFI of each
 * module (.eh_frame, .debug_frame) and of the vdso, glibc's signal frames, and frame pointers for
 * code without CFI.
 * A module's tables are read the first time a frame needs them and kept for the other threads: use
 * one unwinder per snapshot.
 * Never loops and never throws on bad stacks: every step must move the stack pointer up (except
 * into a signal's interrupted frame, which may be on another stack), at most {@link #MAX_FRAMES}
 * frames, and the stack ends at pc 0, at a pc no mapping holds, or where CFI or memory runs out.
 */
public final class StackUnwinder {

    public static final int MAX_FRAMES = 4096;

    private final ProcessModules modules;
    private final Map<ProcessModules.Module, ModuleCfi> cfi = new IdentityHashMap<>();
    /** One memory per unwinder's snapshot, as modules are. */
    private final InMemoryImages images = new InMemoryImages();

    public StackUnwinder(ProcessModules modules) {
        this.modules = modules;
    }

    /** The physical frames of {@code thread}, reading its stack from {@code memory}. */
    public List<StackFrame> unwind(ThreadState thread, AddressSpace memory) {
        if (thread.layout() != RegisterLayout.X86_64) {
            throw new SnapshotException("thread " + thread.tid() + ": stack unwinding supports x86_64 only, not "
                    + thread.layout().architecture());
        }
        List<StackFrame> frames = new ArrayList<>();
        RegisterFile registers = RegisterFile.of(thread);
        CodeBytes code = new CodeBytes(modules, memory);
        boolean exact = true;
        UnwindMethod method = UnwindMethod.REGISTERS;
        while (frames.size() < MAX_FRAMES) {
            long pc = registers.get(X86_64Frames.RIP);
            long sp = registers.get(X86_64Frames.RSP);
            // The handler returns to the trampoline's first instruction: its pc is exact, not after a call.
            boolean trampoline = X86_64Frames.isSignalTrampoline(code, pc);
            exact |= trampoline;
            long lookup = exact ? pc : pc - 1;
            Code owner = codeAt(lookup, memory);
            Unwound step = step(owner, registers, memory, trampoline, lookup);
            frames.add(new StackFrame(frames.size(), pc, sp, step == null ? sp : step.cfa(),
                    owner == null ? null : owner.name(), owner == null ? pc : pc - owner.bias(), method, exact));
            if (step == null || !plausibleCaller(step, pc, sp, memory)) {
                break;
            }
            registers = step.caller();
            exact = step.callerExactPc();
            method = step.method();
        }
        return frames;
    }

    /** How the frame unwinds, or null when it cannot be (no CFI and no frame pointer, unreadable stack). */
    private static Unwound step(Code code, RegisterFile registers, AddressSpace memory, boolean trampoline, long lookup) {
        try {
            if (trampoline) {
                return X86_64Frames.unwindSignal(registers, memory);
            }
            FrameDescriptionEntry fde = code == null ? null : code.cfi().find(lookup - code.bias());
            if (fde != null) {
                UnwindRow row = CfiInterpreter.rowAt(fde, lookup - code.bias(), registers.count());
                return CfiStep.apply(fde, row, registers, memory, code.bias(), X86_64Frames.RSP, X86_64Frames.RIP);
            }
            return X86_64Frames.unwindFramePointer(registers, memory);
        } catch (DwarfFormatException e) {
            return null;
        }
    }

    /** Where a pc's code comes from: a mapped file's name, load bias and CFI. */
    private record Code(String name, long bias, ModuleCfi cfi) {
    }

    /** The mapped file holding {@code pc}, else the in-memory image (vdso) holding it, else null. */
    private Code codeAt(long pc, AddressSpace memory) {
        Optional<ProcessModules.Module> module = modules.moduleAt(pc);
        if (module.isPresent()) {
            ProcessModules.Module m = module.get();
            return new Code(m.path().toString(), m.bias(), cfiOf(m));
        }
        InMemoryImage image = images.at(memory, pc);
        return image == null ? null : new Code(InMemoryImage.NAME, image.bias(), image.cfi());
    }

    private boolean plausibleCaller(Unwound step, long pc, long sp, AddressSpace memory) {
        RegisterFile caller = step.caller();
        if (caller == null || !caller.isKnown(X86_64Frames.RIP) || !caller.isKnown(X86_64Frames.RSP)) {
            return false;
        }
        long callerPc = caller.get(X86_64Frames.RIP);
        long callerSp = caller.get(X86_64Frames.RSP);
        if (callerPc == 0 || (modules.moduleAt(callerPc).isEmpty() && !memory.contains(callerPc, 1))) {
            return false;
        }
        return step.method() == UnwindMethod.SIGNAL
                ? callerSp != sp || callerPc != pc
                : Long.compareUnsigned(callerSp, sp) > 0;
    }

    private ModuleCfi cfiOf(ProcessModules.Module module) {
        synchronized (cfi) {
            return cfi.computeIfAbsent(module, m -> {
                try {
                    return ModuleCfi.of(m.image(), m.debugImage());
                } catch (BinaryFormatException e) {
                    // A file replaced by something unreadable since the snapshot: its frames end the stack.
                    return ModuleCfi.NONE;
                }
            });
        }
    }
}
