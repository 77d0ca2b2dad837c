package dev.rustbin.rust;

/**
 * Rust symbol names: demangling, recognition, crate attribution and generic grouping, for both
 * manglings rustc emits: legacy ({@code _ZN...17h<hash>E}) and v0 ({@code _R...}, RFC 2603).
 * Mach-O spellings with one more leading underscore ({@code __ZN}, {@code __R}) are read the
 * same way. No method throws; each returns quickly and with bounded output even for corrupt
 * names. A name is Rust when binutils 2.40 {@code c++filt} would demangle it as Rust, except for
 * corrupt v0 names that exceed the work bounds ({@link V0RustDemangler}), which are not.
 *
 * <h2>Crates ({@link #crateOf})</h2>
 * The first element of the path, except when that is an impl or a qualified path, where the
 * defining crate is taken from the types involved:
 * <ul>
 *   <li>trait impls and trait items, {@code <T as Trait>} (v0 {@code X}, {@code Y}) and legacy
 *       {@code <impl Trait for T>}: the crate of the self type {@code T} when it is a path
 *       ({@code <shapes::Rect as shapes::Area>::area} is {@code shapes},
 *       {@code <alloc::vec::Vec<u8> as core::ops::drop::Drop>::drop} is {@code alloc}); when it is
 *       not (a reference, slice, tuple, primitive, {@code dyn}, generic parameter) the trait's
 *       crate ({@code <&T as core::fmt::Debug>::fmt} is {@code core}). v0 also encodes where the
 *       {@code impl} block is, but legacy names do not, so the self type is used for both: one
 *       function gets the same crate whichever mangling its crate was built with;</li>
 *   <li>v0 inherent impls, {@code <T>::method} ({@code M}): the self type's crate when it is a
 *       path, else the crate containing the {@code impl} block ({@code <[T]>::sort} is
 *       {@code alloc}); legacy names write these as an ordinary path
 *       ({@code core::num::<impl u32>::pow}) whose first element is that crate;</li>
 *   <li>qualified openings nest ({@code <<A as B>::C as D>}); the rules apply recursively.</li>
 * </ul>
 * {@code std}, {@code core} and {@code alloc} are separate crates. Non-Rust names give null.
 *
 * <h2>Generic names ({@link #genericName})</h2>
 * The demangled name without generic argument lists and without the v0 crate disambiguators
 * ({@code [5f8715e273955c9e]}), so every instantiation of one generic item, and the same item in
 * either mangling, gives one text: {@code core[...]::ptr::drop_in_place::<alloc[...]::string::String>}
 * becomes {@code core::ptr::drop_in_place}. Qualified openings stay, with the generic arguments
 * of the types inside them removed as well: {@code <alloc::vec::Vec as core::ops::drop::Drop>::drop}
 * for both the v0 {@code <alloc[...]::vec::Vec<u8> as core[...]::ops::drop::Drop>::drop} and the
 * legacy {@code <alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop}. References, slices,
 * tuples, arrays, fn pointers stay as they are ({@code <&[u8] as core::fmt::Debug>::fmt}); the
 * traits of a {@code dyn} type lose their arguments and associated-type bindings. Closures and
 * shims stay ({@code {closure#0}}, {@code {shim:vtable#0}}, legacy {@code {{closure}}}).
 * Non-Rust names give null.
 */
public final class RustSymbols {

    private RustSymbols() {
    }

    /**
     * The name as binutils {@code c++filt} prints it, without the {@code ::h<16 hex digits>} hash
     * that c++filt appends to legacy names. Like c++filt, it leaves out a {@code .suffix} such
     * as {@code .llvm.123}. Names that are not Rust, including C++ ones, come back unchanged;
     * null gives null.
     */
    public static String demangle(String name) {
        if (name == null) {
            return null;
        }
        String demangled = demangledOrNull(name);
        return demangled != null ? demangled : name;
    }

    /** True for a well-formed legacy or v0 Rust symbol, with or without a {@code .suffix}. */
    public static boolean isRust(String name) {
        return name != null && demangledOrNull(name) != null;
    }

    /** The crate defining the symbol's item (see the class comment), or null if it is not Rust. */
    public static String crateOf(String name) {
        if (name == null) {
            return null;
        }
        int v0 = v0BodyStart(name);
        if (v0 >= 0) {
            return isV0(name, v0) ? V0CrateFinder.crateOf(name, v0) : null;
        }
        String legacy = legacyOrNull(name);
        return legacy != null ? LegacyCrateFinder.crateOf(legacy) : null;
    }

    /** The demangled name without generic arguments (see the class comment), or null if it is not Rust. */
    public static String genericName(String name) {
        if (name == null) {
            return null;
        }
        int v0 = v0BodyStart(name);
        if (v0 >= 0) {
            return isV0(name, v0)
                    ? V0RustDemangler.demangle(name, v0, V0RustDemangler.Style.GENERIC_NAME)
                    : null;
        }
        String legacy = legacyOrNull(name);
        return legacy != null ? LegacyGenericName.of(legacy) : null;
    }

    private static String demangledOrNull(String name) {
        int v0 = v0BodyStart(name);
        if (v0 >= 0) {
            return V0RustDemangler.demangle(name, v0, V0RustDemangler.Style.CXXFILT);
        }
        return legacyOrNull(name);
    }

    /** Validity is decided by the full demangling, the one that follows every printed backreference. */
    private static boolean isV0(String name, int bodyStart) {
        return V0RustDemangler.demangle(name, bodyStart, V0RustDemangler.Style.CXXFILT) != null;
    }

    private static String legacyOrNull(String name) {
        int start = name.startsWith("_ZN") ? 3 : name.startsWith("__ZN") ? 4 : -1;
        return start >= 0 ? LegacyRustDemangler.demangle(name, start) : null;
    }

    private static int v0BodyStart(String name) {
        return name.startsWith("_R") ? 2 : name.startsWith("__R") ? 3 : -1;
    }
}
