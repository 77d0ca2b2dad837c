/*
 * The launcher's fork fixture: a function called by the parent, by a fork()ed child and around a
 * posix_spawn (a vfork-style clone in glibc). Under a breakpoint on forkdemo_mark only the parent's
 * three calls stop; a child that inherited the breakpoint would die of SIGTRAP and not print.
 */
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

__attribute__((noipa)) int forkdemo_mark(int round) {
    __asm__ volatile("" ::: "memory");
    return round + 1;
}

int main(void) {
    int total = forkdemo_mark(0);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        printf("child %d\n", forkdemo_mark(10));
        fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    int child_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    total += forkdemo_mark(1);
    pid_t spawned;
    char *argv[] = {"/bin/true", NULL};
    posix_spawn(&spawned, "/bin/true", NULL, NULL, argv, environ);
    waitpid(spawned, &status, 0);
    total += forkdemo_mark(2);
    printf("parent %d child %d spawned %d\n", total, child_status, WEXITSTATUS(status));
    return 0;
}
