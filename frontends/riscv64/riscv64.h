/* riscv64.h — riscv64 guest facts shared by the frontend, syscalls (hwprobe,
 * uname) and the runner: register names, feature bits for -cpu models.
 */
#ifndef TERN_RISCV64_H
#define TERN_RISCV64_H

#include <stdint.h>

/* cpu_model.features bits */
#define RV_F_ZBA      (1ull << 0)
#define RV_F_ZBB      (1ull << 1)
#define RV_F_ZBS      (1ull << 2)
#define RV_F_ZICSR    (1ull << 3)
#define RV_F_ZIFENCEI (1ull << 4)
#define RV_F_C        (1ull << 5)
#define RV_F_FD       (1ull << 6)   /* F and D */

/* ABI register numbers */
enum { RV_ZERO = 0, RV_RA = 1, RV_SP = 2, RV_GP = 3, RV_TP = 4,
       RV_A0 = 10, RV_A1, RV_A2, RV_A3, RV_A4, RV_A5, RV_A6, RV_A7 };

#endif
