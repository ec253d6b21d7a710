/* fp_vals.h — operand tables of the FP family tests (include in .data).
 * Each entry is 8 bytes; single-precision tables hold the pattern in the low
 * 32 bits.
 *   vals_d/vals_s (25): zeros, +-1, 1.5, 2, 1/3, -pi, 1 -+ 1 ulp, +-max,
 *       the smallest normal and its neighbour, denormals, infinities, quiet
 *       and signalling NaNs of both signs with payloads, 2^53+2 (2^24+2),
 *       2^-52 (2^-23)
 *   fma_d/fma_s (12): a subset for three-operand products
 *   unary_d/unary_s (40): vals plus halves and near-halves for rounding,
 *       large integers, values around 2^31, 2^32, 2^63, 2^64
 */
    .balign 8
vals_d:
    .quad 0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000
    .quad 0x3ff8000000000000, 0x4000000000000000, 0x3fd5555555555555, 0xc00921fb54442d18
    .quad 0x3fefffffffffffff, 0x3ff0000000000001, 0x7fefffffffffffff, 0xffefffffffffffff
    .quad 0x0010000000000000, 0x8010000000000001, 0x0000000000000001, 0x800fffffffffffff
    .quad 0x0008000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000001
    .quad 0xfff8000000000002, 0x7ff0000000000003, 0xfff4000000000004, 0x4340000000000001
    .quad 0x3cb0000000000000
vals_s:
    .quad 0x00000000, 0x80000000, 0x3f800000, 0xbf800000
    .quad 0x3fc00000, 0x40000000, 0x3eaaaaab, 0xc0490fdb
    .quad 0x3f7fffff, 0x3f800001, 0x7f7fffff, 0xff7fffff
    .quad 0x00800000, 0x80800001, 0x00000001, 0x807fffff
    .quad 0x00400000, 0x7f800000, 0xff800000, 0x7fc00001
    .quad 0xffc00002, 0x7f800003, 0xffa00004, 0x4b800001
    .quad 0x34000000
fma_d:
    .quad 0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff8000000000000
    .quad 0x3fefffffffffffff, 0x7fefffffffffffff, 0x0010000000000000, 0x800fffffffffffff
    .quad 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000001, 0xfff0000000000003
fma_s:
    .quad 0x00000000, 0x80000000, 0x3f800000, 0xbfc00000
    .quad 0x3f7fffff, 0x7f7fffff, 0x00800000, 0x807fffff
    .quad 0x7f800000, 0xff800000, 0x7fc00001, 0xff800003
unary_d:
    .quad 0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000
    .quad 0x3fe0000000000000, 0xbfe0000000000000, 0x3ff8000000000000, 0xbff8000000000000
    .quad 0x4004000000000000, 0xc004000000000000, 0x3fe0000000000001, 0x3fdfffffffffffff
    .quad 0x432fffffffffffff, 0x4330000000000000, 0xc32ffffffffffffe, 0x3fd5555555555555
    .quad 0x41dfffffffc00000, 0x41e0000000000000, 0xc1e0000000100000, 0x41efffffffffffff
    .quad 0x41f0000000000000, 0x43dfffffffffffff, 0x43e0000000000000, 0xc3e0000000000000
    .quad 0x43efffffffffffff, 0x43f0000000000000, 0x7fefffffffffffff, 0x0010000000000000
    .quad 0x8000000000000001, 0x000fffffffffffff, 0x7ff0000000000000, 0xfff0000000000000
    .quad 0x7ff8000000000001, 0xfff0000000000003, 0x3810000000000000, 0x380fffffffffffff
    .quad 0x47efffffe0000000, 0x47efffffefffffff, 0x3e70000000000000, 0x400921fb54442d18
unary_s:
    .quad 0x00000000, 0x80000000, 0x3f800000, 0xbf800000
    .quad 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000
    .quad 0x40200000, 0xc0200000, 0x3f000001, 0x3effffff
    .quad 0x4affffff, 0x4b000000, 0xcafffffe, 0x3eaaaaab
    .quad 0x4effffff, 0x4f000000, 0xcf000001, 0x4f7fffff
    .quad 0x4f800000, 0x5effffff, 0x5f000000, 0xdf000000
    .quad 0x5f7fffff, 0x5f800000, 0x7f7fffff, 0x00800000
    .quad 0x80000001, 0x007fffff, 0x7f800000, 0xff800000
    .quad 0x7fc00001, 0xff800003, 0x38800000, 0x387fffff
    .quad 0x477fe000, 0x477fefff, 0x33800000, 0x40490fdb
