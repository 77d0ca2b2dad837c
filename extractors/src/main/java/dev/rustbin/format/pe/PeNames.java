package dev.rustbin.format.pe;

/** PE numeric codes to names: the same architecture words as ELF and Mach-O, and subsystem names. */
final class PeNames {

    private static final String[] SUBSYSTEMS = {
        null, "native", "windows-gui", "windows-cui", null, "os2-cui", null, "posix-cui", "native-windows",
        "windows-ce-gui", "efi-application", "efi-boot-service-driver", "efi-runtime-driver", "efi-rom", "xbox",
        null, "windows-boot-application"};

    private PeNames() {
    }

    static String machine(int machine) {
        return switch (machine) {
            case 0x14c -> "x86";
            case 0x8664 -> "x86_64";
            case 0xaa64 -> "aarch64";
            case 0x1c0, 0x1c4 -> "arm";
            case 0xa641 -> "arm64ec";
            case 0x5064 -> "riscv64";
            default -> String.format("pe-machine-0x%x", machine);
        };
    }

    static String subsystem(int subsystem) {
        String name = subsystem < SUBSYSTEMS.length ? SUBSYSTEMS[subsystem] : null;
        return name != null ? name : "subsystem-" + subsystem;
    }
}
