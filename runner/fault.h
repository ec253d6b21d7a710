/* fault.h — reporting of fatal host faults in guest code (runner/fault.c). */
#ifndef TERN_FAULT_H
#define TERN_FAULT_H

struct tern_proc;
void fault_init(struct tern_proc *p);

#endif
