package dev.rustbin.memory.ptrace;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/** The few glibc functions a tracer needs, through JNA. Those declared with LastErrorException fail with errno. */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    long ptrace(int request, int pid, Pointer address, Pointer data) throws LastErrorException;

    int waitpid(int pid, IntByReference status, int options) throws LastErrorException;

    int kill(int pid, int signal) throws LastErrorException;

    /** Returns an error number (0 on success); it does not set errno. */
    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes, StringArray argv, StringArray envp);

    String strerror(int errno);
}
