#define _GNU_SOURCE
#include "CSystemShims.h"
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <sys/mman.h>
#include <unistd.h>
#include <string.h>
#include <stdio.h>
#include <sys/sendfile.h>
#include <malloc.h>
#include <errno.h>
#include <signal.h>
#include <spawn.h>

int ebauth_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int ebauth_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event event = {0};
    event.events = events;
    event.data.u64 = token;
    return epoll_ctl(epfd, op, fd, op == EPOLL_CTL_DEL ? NULL : &event);
}

int ebauth_epoll_wait(int epfd, uint64_t *tokens, int max, int timeout_ms) {
    struct epoll_event events[256];
    if (max > 256) max = 256;
    int count = epoll_wait(epfd, events, max, timeout_ms);
    for (int i = 0; i < count; i++) tokens[i] = events[i].data.u64;
    return count;
}

int ebauth_eventfd(void) { return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); }

int ebauth_accept(int fd, struct sockaddr *address, socklen_t *length) {
    return accept4(fd, address, length, SOCK_CLOEXEC);
}

ssize_t ebauth_sendfile(int out_fd, int in_fd, off_t *offset, size_t count) {
    return sendfile(out_fd, in_fd, offset, count);
}

void ebauth_tune_malloc(void) {
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
}

long ebauth_release_executable_code(void) {
    char exe[4096];
    ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (length <= 0) return -1;
    exe[length] = 0;
    FILE *smaps = fopen("/proc/self/smaps", "re");
    if (!smaps) return -1;
    char line[8192];
    unsigned long start = 0, end = 0;
    int candidate = 0;
    long rss = 0, released = 0;
    while (fgets(line, sizeof line, smaps)) {
        unsigned long a, b;
        char perms[8], path[4096];
        path[0] = 0;
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %4095s", &a, &b, perms, path) >= 3 && strchr(line, '-') < strchr(line, ' ')) {
            start = a;
            end = b;
            candidate = strcmp(perms, "r-xp") == 0 && strcmp(path, exe) == 0;
            rss = 0;
            continue;
        }
        if (!candidate) continue;
        long kilobytes;
        if (sscanf(line, "Rss: %ld kB", &kilobytes) == 1) rss = kilobytes;
        if (sscanf(line, "Anonymous: %ld kB", &kilobytes) == 1) {
            // An anonymous page here is a private copy (a debugger's breakpoint, a text
            // relocation) that MADV_DONTNEED would lose. Page-cache pages are only unmapped; they
            // may count as dirty right after the binary was written, which is harmless.
            if (kilobytes == 0 && madvise((void *)start, end - start, MADV_DONTNEED) == 0) released += rss * 1024;
            candidate = 0;
        }
    }
    fclose(smaps);
    return released;
}

int ebauth_random_bytes(void *buffer, size_t count) {
    size_t done = 0;
    while (done < count) {
        ssize_t n = getrandom((char *)buffer + done, count - done, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

pid_t ebauth_spawn(const char *path, char *const argv[], char *const envp[], const char *directory, int in_fd, int out_fd,
                   int err_fd) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    if (posix_spawn_file_actions_init(&actions) != 0) return -errno;
    if (posix_spawnattr_init(&attributes) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return -errno;
    }
    int rc = posix_spawn_file_actions_adddup2(&actions, in_fd, 0);
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    if (rc == 0) rc = posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (rc == 0 && directory != NULL) rc = posix_spawn_file_actions_addchdir_np(&actions, directory);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    if (rc == 0) rc = posix_spawnattr_setsigmask(&attributes, &none);
    if (rc == 0) rc = posix_spawnattr_setsigdefault(&attributes, &all);
    if (rc == 0) rc = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    if (rc == 0) rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return rc == 0 ? pid : -rc;
}
