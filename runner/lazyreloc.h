/* lazyreloc.h — relocations deferred from start-up to first use (capstone's
 * tables; see runner/lazyreloc.c and tools/lazyrel.c). */
#ifndef TERN_LAZYRELOC_H
#define TERN_LAZYRELOC_H

/* Apply the deferred relocations once; call before any capstone function.
 * Thread-safe; a no-op in a binary the post-link step did not rewrite. */
void tern_lazy_relocate(void);

#endif
