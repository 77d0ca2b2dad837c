package dev.rustbin.memory.alloc;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells the allocator's own frames and Rust's allocation machinery (RawVec growth, Vec and Box
 * constructors, __rust_alloc and its shims, their inlined copies) from the code that asked for
 * memory, so an allocation is attributed to the innermost frame outside them.
 */
public final class AllocatorFrames {

    private static final Set<String> C_ALLOCATOR = Set.of("malloc", "calloc", "realloc", "reallocarray", "free", "posix_memalign",
            "aligned_alloc", "memalign", "valloc", "pvalloc", "_Znwm", "_Znam", "_ZnwmRKSt9nothrow_t", "_ZnamRKSt9nothrow_t",
            "_ZnwmSt11align_val_t", "_ZnamSt11align_val_t");

    /**
     * Paths in the alloc and core crates and std::alloc, at the start of the name or as the trait of
     * an impl ({@code <u8 as alloc::vec::spec_from_elem::SpecFromElem>}), with or without the crate's
     * disambiguator that v0 names carry ({@code alloc[fdfd2bd8633a6659]::raw_vec}); and the allocator shims.
     */
    private static final Pattern RUST_MACHINERY = Pattern.compile(
            "^<*(?:(?:alloc|core)(?:\\[[0-9a-f]+])?::|std(?:\\[[0-9a-f]+])?::alloc::|__rust_|__rdl_|__rg_)"
                    + "| as (?:alloc|core)(?:\\[[0-9a-f]+])?::");

    private AllocatorFrames() {
    }

    /** Rust's own sources as rustc records them ({@code /rustc/HASH/library/alloc/src/raw_vec.rs}). */
    private static final Pattern RUST_LIBRARY_FILE = Pattern.compile("/library/(?:alloc|core)/|/library/std/src/alloc\\.rs$");

    /**
     * @param function the frame's function, demangled (null when no symbol holds it)
     * @param module   the file holding the code, or null
     * @param file     the frame's source file by DWARF, or null
     */
    public static boolean isAllocator(String function, String module, String file) {
        if (module != null && module.contains("libheaptrack") || file != null && RUST_LIBRARY_FILE.matcher(file).find()) {
            return true;
        }
        if (function == null) {
            return false;
        }
        if (C_ALLOCATOR.contains(function)) {
            return true;
        }
        return RUST_MACHINERY.matcher(function).find();
    }
}
