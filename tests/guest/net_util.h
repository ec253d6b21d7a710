/* net_util.h — helpers shared by the socket tests (tests/guest/net_*.c).
 *
 * Results are printed as errno names (not strerror, whose text differs
 * between glibc and musl), so the output is the same natively and under
 * tern. Error-path calls go through syscall() where a libc wrapper would
 * read or rewrite the arguments itself (musl copies a msghdr before the
 * call, so a bad msghdr pointer would fault in libc, not in the kernel).
 */
#ifndef NET_UTIL_H
#define NET_UTIL_H

#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static inline const char *err_name(int e)
{
    switch (e) {
    case 0: return "OK";
    case EBADF: return "EBADF";
    case ENOTSOCK: return "ENOTSOCK";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EAGAIN: return "EAGAIN";
    case EMSGSIZE: return "EMSGSIZE";
    case ENOBUFS: return "ENOBUFS";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case ENOTCONN: return "ENOTCONN";
    case EISCONN: return "EISCONN";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EADDRINUSE: return "EADDRINUSE";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case EPIPE: return "EPIPE";
    case EINTR: return "EINTR";
    case ENOENT: return "ENOENT";
    case ESOCKTNOSUPPORT: return "ESOCKTNOSUPPORT";
    case EPROTOTYPE: return "EPROTOTYPE";
    case ERANGE: return "ERANGE";
    default: return "E?";
    }
}

/* "= value" or "= -1 ENAME" for a call's result r (errno read now) */
#define SHOW(label, r)                                                          \
    do {                                                                        \
        long r_ = (long)(r);                                                    \
        if (r_ < 0)                                                             \
            printf("%-34s = -1 %s\n", label, err_name(errno));                  \
        else                                                                    \
            printf("%-34s = %ld\n", label, r_);                                 \
    } while (0)

/* a page no access is allowed to (PROT_NONE, kept mapped so that no later
 * mmap can reuse the address) */
static inline void *unmapped_page(void)
{
    void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* n bytes that end where the accessible memory ends: the next page is
 * PROT_NONE */
static inline char *edge_buf(size_t n)
{
    char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    mprotect(p + 4096, 4096, PROT_NONE);
    return p + 4096 - n;
}

#endif
