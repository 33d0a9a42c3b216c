#ifndef CSYSTEMSHIMS_H
#define CSYSTEMSHIMS_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>

// Linux calls the Glibc module does not export (epoll, eventfd, accept4, sendfile), wrapped
// so Swift never handles the packed struct epoll_event itself.

enum {
    EBAUTH_EPOLLIN = 0x001,
    EBAUTH_EPOLLONESHOT = 1u << 30,
    EBAUTH_EPOLL_CTL_ADD = 1,
    EBAUTH_EPOLL_CTL_DEL = 2,
    EBAUTH_EPOLL_CTL_MOD = 3,
};

int ebauth_epoll_create(void);
int ebauth_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t token);
/// Waits for events and writes each one's token; returns the count or -1.
int ebauth_epoll_wait(int epfd, uint64_t *tokens, int max, int timeout_ms);
int ebauth_eventfd(void);
int ebauth_accept(int fd, struct sockaddr *address, socklen_t *length);
ssize_t ebauth_sendfile(int out_fd, int in_fd, off_t *offset, size_t count);
/// Serves allocations of 128 KiB and more with mmap, so freed body buffers go back to the system
/// instead of staying in per-thread heaps.
void ebauth_tune_malloc(void);

/// Unmaps the resident pages of the executable's own code mapping (r-xp) when it holds no
/// private (anonymous) copy: they are file pages, mapped again from the page cache when touched.
/// Returns the bytes released, or -1 when nothing was done.
long ebauth_release_executable_code(void);

/// Fills `buffer` from the kernel's generator (getrandom); returns 0, or -1 on failure.
int ebauth_random_bytes(void *buffer, size_t count);

/// Starts `path` with `argv` and `envp` (NULL-terminated) by posix_spawn: stdin, stdout and
/// stderr from the given descriptors, every other descriptor closed (nothing of the server's
/// leaks into a child), in `directory` unless NULL, with an empty signal mask and default
/// handlers. Returns the pid, or -errno. Foundation's Process is avoided: on Linux its run()
/// over-reads /proc/self/fd entries and crashes intermittently (swift-corelibs-foundation #5472).
pid_t ebauth_spawn(const char *path, char *const argv[], char *const envp[], const char *directory, int in_fd, int out_fd,
                   int err_fd);

#endif
