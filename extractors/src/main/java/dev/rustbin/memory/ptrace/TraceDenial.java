package dev.rustbin.memory.ptrace;

import java.util.ArrayList;
import java.util.List;

/** Why the kernel said EPERM to attaching a process, from what /proc shows: another tracer, another user, Yama. */
final class TraceDenial {

    private static final int CAP_SYS_PTRACE = 19;

    private TraceDenial() {
    }

    static String explain(long pid) {
        List<String> causes = new ArrayList<>();
        String tracer = ProcFiles.status(pid, "TracerPid");
        if (tracer != null && !"0".equals(tracer)) {
            // TracerPid is the tracing thread; name its process.
            String process = ProcFiles.status(Long.parseLong(tracer), "Tgid");
            long tracerPid = Long.parseLong(process == null ? tracer : process);
            causes.add("it is already traced by pid " + tracerPid + " (" + ProcFiles.command(tracerPid) + "); a process has one tracer at a time");
        }
        String theirs = firstField(ProcFiles.status(pid, "Uid"));
        String ours = firstField(ProcFiles.selfStatus("Uid"));
        boolean capable = hasCapability(ProcFiles.selfStatus("CapEff"), CAP_SYS_PTRACE);
        if (theirs != null && !theirs.equals(ours) && !capable) {
            causes.add("it runs as uid " + theirs + " and rustbin as uid " + ours + " without CAP_SYS_PTRACE");
        }
        String scope = ProcFiles.sysctl("/proc/sys/kernel/yama/ptrace_scope");
        if (scope != null && !"0".equals(scope)) {
            causes.add("kernel.yama.ptrace_scope is " + scope + switch (scope) {
                case "1" -> " (only a parent may trace its children: run rustbin with CAP_SYS_PTRACE or set it to 0)";
                case "2" -> " (only CAP_SYS_PTRACE may trace)";
                default -> " (no process may be traced)";
            });
        }
        if (causes.isEmpty()) {
            causes.add("the process is not dumpable or a security module refused");
        }
        return String.join("; ", causes);
    }

    private static String firstField(String value) {
        return value == null ? null : value.split("\\s+")[0];
    }

    private static boolean hasCapability(String hexMask, int capability) {
        return hexMask != null && (Long.parseUnsignedLong(hexMask, 16) >>> capability & 1) != 0;
    }
}
