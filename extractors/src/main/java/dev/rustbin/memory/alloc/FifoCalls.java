package dev.rustbin.memory.alloc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The glibc calls a named pipe needs that Java's channels do not offer (a non-blocking open, the unread byte count, its size), through JNA. */
interface FifoCalls extends Library {

    FifoCalls INSTANCE = Native.load("c", FifoCalls.class);

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_NONBLOCK = 0x800;
    int O_CLOEXEC = 0x80000;
    int EAGAIN = 11;
    int FIONREAD = 0x541b;
    int F_SETPIPE_SZ = 1031;

    int mkfifo(String path, int mode) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    long read(int fd, Pointer buffer, long count) throws LastErrorException;

    int ioctl(int fd, int request, IntByReference value) throws LastErrorException;

    int fcntl(int fd, int command, int argument) throws LastErrorException;

    int close(int fd) throws LastErrorException;
}
