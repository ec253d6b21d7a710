/* gen_a64_simd.c — aarch64 AdvSIMD and crypto templates of the differential
 * tester: integer three-same, two-register misc, across lanes, permutes,
 * copies, modified immediates, shifts by immediate, widening and narrowing,
 * by element, the scalar forms, AdvSIMD FP, and AES/SHA1/SHA256/PMULL.
 *
 * Each operation row says which element sizes it has (a bit per size:
 * 1 = B, 2 = H, 4 = S, 8 = D), so only allocated encodings are generated;
 * the arrangement (64- or 128-bit) is then picked at random.
 */
#include <stdio.h>
#include <string.h>

#include "tests/difftest/a64.h"

#define B 1
#define H 2
#define S 4
#define D 8

struct vop {
    const char *name;
    unsigned sizes;
};

static const char *const arr64[4] = { "8b", "4h", "2s", "1d" };
static const char *const arr128[4] = { "16b", "8h", "4s", "2d" };
static const char esz[4] = { 'b', 'h', 's', 'd' };

/* a random size from the mask (log2 of the element bytes) */
static int pick_size(struct a64gen *g, unsigned mask)
{
    for (;;) {
        int s = (int)below(RNG(g), 4);
        if (mask >> s & 1)
            return s;
    }
}

/* an arrangement for element size s; D elements only come as 2d unless
 * `d1` allows 1d */
static const char *arrangement(struct a64gen *g, int s, bool d1)
{
    if (s == 3 && !d1)
        return arr128[3];
    return chance(RNG(g), 55) ? arr128[s] : arr64[s];
}

#define V(g) a64_vr(g)
#define PICKOP(g, t) (&(t)[below(RNG(g), NELEM(t))])

void a64_t_simd3(struct a64gen *g)
{
    static const struct vop ops[] = {
        { "add", B | H | S | D }, { "sub", B | H | S | D }, { "mul", B | H | S }, { "mla", B | H | S },
        { "mls", B | H | S }, { "and", B }, { "orr", B }, { "eor", B }, { "bic", B }, { "orn", B },
        { "bsl", B }, { "bit", B }, { "bif", B }, { "cmeq", B | H | S | D }, { "cmgt", B | H | S | D },
        { "cmhi", B | H | S | D }, { "cmge", B | H | S | D }, { "cmhs", B | H | S | D },
        { "cmtst", B | H | S | D }, { "sqadd", B | H | S | D }, { "uqadd", B | H | S | D },
        { "sqsub", B | H | S | D }, { "uqsub", B | H | S | D }, { "shadd", B | H | S },
        { "uhadd", B | H | S }, { "srhadd", B | H | S }, { "urhadd", B | H | S }, { "shsub", B | H | S },
        { "uhsub", B | H | S }, { "smax", B | H | S }, { "umax", B | H | S }, { "smin", B | H | S },
        { "umin", B | H | S }, { "sabd", B | H | S }, { "uabd", B | H | S }, { "saba", B | H | S },
        { "uaba", B | H | S }, { "sshl", B | H | S | D }, { "ushl", B | H | S | D },
        { "sqshl", B | H | S | D }, { "uqshl", B | H | S | D }, { "srshl", B | H | S | D },
        { "urshl", B | H | S | D }, { "sqrshl", B | H | S | D }, { "uqrshl", B | H | S | D },
        { "addp", B | H | S | D }, { "smaxp", B | H | S }, { "sminp", B | H | S }, { "umaxp", B | H | S },
        { "uminp", B | H | S }, { "sqdmulh", H | S }, { "sqrdmulh", H | S }, { "pmul", B },
    };
    const struct vop *o = PICKOP(g, ops);
    int s = pick_size(g, o->sizes);
    const char *t = arrangement(g, s, false);
    int a = V(g), b = chance(RNG(g), 10) ? a : V(g);
    EMIT(g, "%s v%d.%s, v%d.%s, v%d.%s", o->name, V(g), t, a, t, b, t);
}

void a64_t_simd2(struct a64gen *g)
{
    static const struct vop same[] = {
        { "rev16", B }, { "rev32", B | H }, { "rev64", B | H | S }, { "cls", B | H | S }, { "clz", B | H | S },
        { "cnt", B }, { "not", B }, { "rbit", B }, { "abs", B | H | S | D }, { "neg", B | H | S | D },
        { "sqabs", B | H | S | D }, { "sqneg", B | H | S | D }, { "suqadd", B | H | S | D },
        { "usqadd", B | H | S | D },
    };
    static const char *const cmz[] = { "cmeq", "cmge", "cmgt", "cmle", "cmlt" };
    switch (below(RNG(g), 6)) {
    case 0: case 1: {
        const struct vop *o = PICKOP(g, same);
        int s = pick_size(g, o->sizes);
        const char *t = arrangement(g, s, false);
        EMIT(g, "%s v%d.%s, v%d.%s", o->name, V(g), t, V(g), t);
        break;
    }
    case 2: {
        int s = pick_size(g, B | H | S | D);
        const char *t = arrangement(g, s, false);
        EMIT(g, "%s v%d.%s, v%d.%s, #0", PICK(RNG(g), cmz), V(g), t, V(g), t);
        break;
    }
    case 3: {   /* pairwise long: b->h, h->s, s->d */
        static const char *const ops[] = { "saddlp", "uaddlp", "sadalp", "uadalp" };
        int s = pick_size(g, B | H | S);
        bool q = chance(RNG(g), 55);
        EMIT(g, "%s v%d.%s, v%d.%s", PICK(RNG(g), ops), V(g), q ? arr128[s + 1] : arr64[s + 1], V(g),
             q ? arr128[s] : arr64[s]);
        break;
    }
    case 4: {   /* narrowing: h->b, s->h, d->s */
        static const char *const ops[] = { "xtn", "sqxtn", "uqxtn", "sqxtun" };
        int s = pick_size(g, B | H | S);
        bool two = chance(RNG(g), 50);
        EMIT(g, "%s%s v%d.%s, v%d.%s", PICK(RNG(g), ops), two ? "2" : "", V(g), two ? arr128[s] : arr64[s], V(g),
             arr128[s + 1]);
        break;
    }
    default: {
        if (chance(RNG(g), 50)) {   /* shll: shift left long by the element size */
            int s = pick_size(g, B | H | S);
            bool two = chance(RNG(g), 50);
            EMIT(g, "shll%s v%d.%s, v%d.%s, #%d", two ? "2" : "", V(g), arr128[s + 1], V(g),
                 two ? arr128[s] : arr64[s], 8 << s);
        } else {
            const char *t = chance(RNG(g), 50) ? "2s" : "4s";
            EMIT(g, "%s v%d.%s, v%d.%s", chance(RNG(g), 50) ? "urecpe" : "ursqrte", V(g), t, V(g), t);
        }
        break;
    }
    }
}

void a64_t_across(struct a64gen *g)
{
    static const char *const ops[] = { "addv", "smaxv", "sminv", "umaxv", "uminv", "saddlv", "uaddlv" };
    const char *op = PICK(RNG(g), ops);
    int s = pick_size(g, B | H | S);
    const char *t = s == 2 ? "4s" : arrangement(g, s, false);
    bool l = op[strlen(op) - 2] == 'l';
    EMIT(g, "%s %c%d, v%d.%s", op, esz[s + (l ? 1 : 0)], V(g), V(g), t);
}

void a64_t_perm(struct a64gen *g)
{
    static const char *const ops[] = { "zip1", "zip2", "uzp1", "uzp2", "trn1", "trn2" };
    switch (below(RNG(g), 4)) {
    case 0: case 1: {
        int s = pick_size(g, B | H | S | D);
        const char *t = arrangement(g, s, false);
        EMIT(g, "%s v%d.%s, v%d.%s, v%d.%s", PICK(RNG(g), ops), V(g), t, V(g), t, V(g), t);
        break;
    }
    case 2: {
        bool q = chance(RNG(g), 55);
        EMIT(g, "ext v%d.%s, v%d.%s, v%d.%s, #%d", V(g), q ? "16b" : "8b", V(g), q ? "16b" : "8b", V(g),
             q ? "16b" : "8b", range(RNG(g), 0, q ? 15 : 7));
        break;
    }
    default: {  /* tbl/tbx with 1-4 table registers; indices often in range */
        int n = range(RNG(g), 1, 4), v0 = V(g), idx = V(g);
        bool q = chance(RNG(g), 55);
        char list[96];
        int k = snprintf(list, sizeof(list), "{");
        for (int i = 0; i < n; i++)
            k += snprintf(list + k, sizeof(list) - (size_t)k, "%sv%d.16b", i ? ", " : "", (v0 + i) & 31);
        snprintf(list + k, sizeof(list) - (size_t)k, "}");
        if (chance(RNG(g), 50)) {
            int t = a64_rt(g);
            uint64_t m = 0;
            for (int i = 0; i < 8; i++)
                m |= (uint64_t)(chance(RNG(g), 85) ? below(RNG(g), 16u * (unsigned)n) : below(RNG(g), 256)) << (8 * i);
            EMIT(g, "li %s, 0x%llx", a64_x(t), (unsigned long long)m);
            EMIT(g, "dup v%d.2d, %s", idx, a64_x(t));
        }
        const char *t = q ? "16b" : "8b";
        EMIT(g, "%s v%d.%s, %s, v%d.%s", chance(RNG(g), 50) ? "tbl" : "tbx", V(g), t, list, idx, t);
        break;
    }
    }
}

void a64_t_copy(struct a64gen *g)
{
    int s = (int)below(RNG(g), 4);
    int lanes = 16 >> s;
    switch (below(RNG(g), 6)) {
    case 0:
        EMIT(g, "dup v%d.%s, v%d.%c[%d]", V(g), arrangement(g, s, false), V(g), esz[s], (int)below(RNG(g), (unsigned)lanes));
        break;
    case 1:
        EMIT(g, "dup v%d.%s, %s", V(g), arrangement(g, s, false), s == 3 ? a64_x(a64_rs(g)) : a64_w(a64_rs(g)));
        break;
    case 2:
        EMIT(g, "ins v%d.%c[%d], v%d.%c[%d]", V(g), esz[s], (int)below(RNG(g), (unsigned)lanes), V(g), esz[s],
             (int)below(RNG(g), (unsigned)lanes));
        break;
    case 3:
        EMIT(g, "ins v%d.%c[%d], %s", V(g), esz[s], (int)below(RNG(g), (unsigned)lanes),
             s == 3 ? a64_x(a64_rs(g)) : a64_w(a64_rs(g)));
        break;
    case 4:
        EMIT(g, "umov %s, v%d.%c[%d]", s == 3 ? a64_x(a64_rd(g)) : a64_w(a64_rd(g)), V(g), esz[s],
             (int)below(RNG(g), (unsigned)lanes));
        break;
    default: {
        int ss = (int)below(RNG(g), 3);
        bool x = ss == 2 || chance(RNG(g), 50);
        EMIT(g, "smov %s, v%d.%c[%d]", a64_r(a64_rd(g), x), V(g), esz[ss], (int)below(RNG(g), 16u >> ss));
        break;
    }
    }
}

void a64_t_movi(struct a64gen *g)
{
    unsigned imm = below(RNG(g), 256);
    bool q = chance(RNG(g), 55);
    switch (below(RNG(g), 6)) {
    case 0:
        EMIT(g, "movi v%d.%s, #0x%x", V(g), q ? "16b" : "8b", imm);
        break;
    case 1: {
        const char *op = PICK(RNG(g), ((const char *const[]){ "movi", "mvni", "orr", "bic" }));
        EMIT(g, "%s v%d.%s, #0x%x, lsl #%d", op, V(g), q ? "8h" : "4h", imm, 8 * (int)below(RNG(g), 2));
        break;
    }
    case 2: {
        const char *op = PICK(RNG(g), ((const char *const[]){ "movi", "mvni", "orr", "bic" }));
        EMIT(g, "%s v%d.%s, #0x%x, lsl #%d", op, V(g), q ? "4s" : "2s", imm, 8 * (int)below(RNG(g), 4));
        break;
    }
    case 3:
        EMIT(g, "%s v%d.%s, #0x%x, msl #%d", chance(RNG(g), 50) ? "movi" : "mvni", V(g), q ? "4s" : "2s", imm,
             chance(RNG(g), 50) ? 8 : 16);
        break;
    case 4: {
        uint64_t m = 0;
        for (int i = 0; i < 8; i++)
            if (imm >> i & 1)
                m |= 0xffull << (8 * i);
        if (q)
            EMIT(g, "movi v%d.2d, #0x%llx", V(g), (unsigned long long)m);
        else
            EMIT(g, "movi d%d, #0x%llx", V(g), (unsigned long long)m);
        break;
    }
    default: {
        char t[32];
        a64_fp_imm_text(imm, t, sizeof(t));
        static const char *const ar[] = { "2s", "4s", "2d" };
        EMIT(g, "fmov v%d.%s, #%s", V(g), PICK(RNG(g), ar), t);
        break;
    }
    }
}

void a64_t_vshift(struct a64gen *g)
{
    static const char *const right[] = { "sshr", "ushr", "ssra", "usra", "srshr", "urshr", "srsra", "ursra",
                                         "sri" };
    static const char *const left[] = { "shl", "sli", "sqshl", "uqshl", "sqshlu" };
    static const char *const narrow[] = { "shrn", "rshrn", "sqshrn", "uqshrn", "sqrshrn", "uqrshrn", "sqshrun",
                                          "sqrshrun" };
    int s = (int)below(RNG(g), 4), bits = 8 << s;
    switch (below(RNG(g), 5)) {
    case 0: case 1: {
        const char *t = arrangement(g, s, false);
        EMIT(g, "%s v%d.%s, v%d.%s, #%d", PICK(RNG(g), right), V(g), t, V(g), t, range(RNG(g), 1, bits));
        break;
    }
    case 2: {
        const char *t = arrangement(g, s, false);
        EMIT(g, "%s v%d.%s, v%d.%s, #%d", PICK(RNG(g), left), V(g), t, V(g), t, range(RNG(g), 0, bits - 1));
        break;
    }
    case 3: {   /* narrowing: element s -> s + 1 source */
        s = pick_size(g, B | H | S);
        bool two = chance(RNG(g), 50);
        EMIT(g, "%s%s v%d.%s, v%d.%s, #%d", PICK(RNG(g), narrow), two ? "2" : "", V(g), two ? arr128[s] : arr64[s],
             V(g), arr128[s + 1], range(RNG(g), 1, 8 << s));
        break;
    }
    default: {  /* widening: sshll/ushll (and sxtl/uxtl) */
        s = pick_size(g, B | H | S);
        bool two = chance(RNG(g), 50);
        const char *u = chance(RNG(g), 50) ? "u" : "s";
        if (chance(RNG(g), 20))
            EMIT(g, "%sxtl%s v%d.%s, v%d.%s", u, two ? "2" : "", V(g), arr128[s + 1], V(g),
                 two ? arr128[s] : arr64[s]);
        else
            EMIT(g, "%sshll%s v%d.%s, v%d.%s, #%d", u, two ? "2" : "", V(g), arr128[s + 1], V(g),
                 two ? arr128[s] : arr64[s], range(RNG(g), 0, (8 << s) - 1));
        break;
    }
    }
}

void a64_t_widen(struct a64gen *g)
{
    static const struct vop longs[] = {
        { "saddl", B | H | S }, { "uaddl", B | H | S }, { "ssubl", B | H | S }, { "usubl", B | H | S },
        { "sabal", B | H | S }, { "uabal", B | H | S }, { "sabdl", B | H | S }, { "uabdl", B | H | S },
        { "smlal", B | H | S }, { "umlal", B | H | S }, { "smlsl", B | H | S }, { "umlsl", B | H | S },
        { "smull", B | H | S }, { "umull", B | H | S }, { "sqdmull", H | S }, { "sqdmlal", H | S },
        { "sqdmlsl", H | S }, { "pmull", B },
    };
    bool two = chance(RNG(g), 50);
    switch (below(RNG(g), 4)) {
    case 0: case 1: {   /* long: Vd.2x = Vn.x op Vm.x */
        const struct vop *o = PICKOP(g, longs);
        int s = pick_size(g, o->sizes);
        const char *t = two ? arr128[s] : arr64[s];
        EMIT(g, "%s%s v%d.%s, v%d.%s, v%d.%s", o->name, two ? "2" : "", V(g), arr128[s + 1], V(g), t, V(g), t);
        break;
    }
    case 2: {   /* wide: Vd.2x = Vn.2x op Vm.x */
        static const char *const ops[] = { "saddw", "uaddw", "ssubw", "usubw" };
        int s = pick_size(g, B | H | S);
        EMIT(g, "%s%s v%d.%s, v%d.%s, v%d.%s", PICK(RNG(g), ops), two ? "2" : "", V(g), arr128[s + 1], V(g),
             arr128[s + 1], V(g), two ? arr128[s] : arr64[s]);
        break;
    }
    default: {  /* high narrow: Vd.x = high half of (Vn.2x op Vm.2x) */
        static const char *const ops[] = { "addhn", "raddhn", "subhn", "rsubhn" };
        int s = pick_size(g, B | H | S);
        EMIT(g, "%s%s v%d.%s, v%d.%s, v%d.%s", PICK(RNG(g), ops), two ? "2" : "", V(g), two ? arr128[s] : arr64[s],
             V(g), arr128[s + 1], V(g), arr128[s + 1]);
        break;
    }
    }
}

/* an element operand Vm.T[i]: H elements only name v0-v15 */
static void elem(struct a64gen *g, int s, char *out, size_t len)
{
    int m = V(g);
    if (s == 1)
        m &= 15;
    snprintf(out, len, "v%d.%c[%d]", m, esz[s], (int)below(RNG(g), 16u >> s));
}

void a64_t_elem(struct a64gen *g)
{
    static const char *const same[] = { "mul", "mla", "mls", "sqdmulh", "sqrdmulh" };
    static const char *const longs[] = { "smull", "umull", "smlal", "umlal", "smlsl", "umlsl", "sqdmull",
                                         "sqdmlal", "sqdmlsl" };
    int s = pick_size(g, H | S);
    char e[32];
    elem(g, s, e, sizeof(e));
    if (chance(RNG(g), 50)) {
        const char *t = arrangement(g, s, false);
        EMIT(g, "%s v%d.%s, v%d.%s, %s", PICK(RNG(g), same), V(g), t, V(g), t, e);
    } else {
        bool two = chance(RNG(g), 50);
        EMIT(g, "%s%s v%d.%s, v%d.%s, %s", PICK(RNG(g), longs), two ? "2" : "", V(g), arr128[s + 1], V(g),
             two ? arr128[s] : arr64[s], e);
    }
}

/* the scalar (one element in a B/H/S/D register) forms */
void a64_t_vscalar(struct a64gen *g)
{
    static const struct vop three[] = {
        { "add", D }, { "sub", D }, { "cmeq", D }, { "cmge", D }, { "cmgt", D }, { "cmhi", D }, { "cmhs", D },
        { "cmtst", D }, { "sshl", D }, { "ushl", D }, { "srshl", D }, { "urshl", D },
        { "sqadd", B | H | S | D }, { "uqadd", B | H | S | D }, { "sqsub", B | H | S | D },
        { "uqsub", B | H | S | D }, { "sqshl", B | H | S | D }, { "uqshl", B | H | S | D },
        { "sqrshl", B | H | S | D }, { "uqrshl", B | H | S | D }, { "sqdmulh", H | S }, { "sqrdmulh", H | S },
    };
    static const struct vop two[] = {
        { "abs", D }, { "neg", D }, { "sqabs", B | H | S | D }, { "sqneg", B | H | S | D },
        { "suqadd", B | H | S | D }, { "usqadd", B | H | S | D },
    };
    switch (below(RNG(g), 8)) {
    case 0: case 1: {
        const struct vop *o = PICKOP(g, three);
        int s = pick_size(g, o->sizes);
        EMIT(g, "%s %c%d, %c%d, %c%d", o->name, esz[s], V(g), esz[s], V(g), esz[s], V(g));
        break;
    }
    case 2: {
        const struct vop *o = PICKOP(g, two);
        int s = pick_size(g, o->sizes);
        EMIT(g, "%s %c%d, %c%d", o->name, esz[s], V(g), esz[s], V(g));
        break;
    }
    case 3: {
        static const char *const cmz[] = { "cmeq", "cmge", "cmgt", "cmle", "cmlt" };
        EMIT(g, "%s d%d, d%d, #0", PICK(RNG(g), cmz), V(g), V(g));
        break;
    }
    case 4: {   /* narrowing saturations, and pairwise add */
        if (chance(RNG(g), 25)) {
            EMIT(g, "addp d%d, v%d.2d", V(g), V(g));
            break;
        }
        static const char *const ops[] = { "sqxtn", "uqxtn", "sqxtun" };
        int s = pick_size(g, B | H | S);
        EMIT(g, "%s %c%d, %c%d", PICK(RNG(g), ops), esz[s], V(g), esz[s + 1], V(g));
        break;
    }
    case 5: {   /* shifts by immediate */
        static const char *const dr[] = { "sshr", "ushr", "ssra", "usra", "srshr", "urshr", "srsra", "ursra",
                                          "sri" };
        static const char *const dl[] = { "shl", "sli" };
        static const char *const ql[] = { "sqshl", "uqshl", "sqshlu" };
        static const char *const nr[] = { "sqshrn", "uqshrn", "sqrshrn", "uqrshrn", "sqshrun", "sqrshrun" };
        switch (below(RNG(g), 4)) {
        case 0: EMIT(g, "%s d%d, d%d, #%d", PICK(RNG(g), dr), V(g), V(g), range(RNG(g), 1, 64)); break;
        case 1: EMIT(g, "%s d%d, d%d, #%d", PICK(RNG(g), dl), V(g), V(g), range(RNG(g), 0, 63)); break;
        case 2: {
            int s = (int)below(RNG(g), 4);
            EMIT(g, "%s %c%d, %c%d, #%d", PICK(RNG(g), ql), esz[s], V(g), esz[s], V(g), range(RNG(g), 0, (8 << s) - 1));
            break;
        }
        default: {
            int s = pick_size(g, B | H | S);
            EMIT(g, "%s %c%d, %c%d, #%d", PICK(RNG(g), nr), esz[s], V(g), esz[s + 1], V(g), range(RNG(g), 1, 8 << s));
            break;
        }
        }
        break;
    }
    case 6: {   /* saturating doubling long, and by element */
        static const char *const ops[] = { "sqdmull", "sqdmlal", "sqdmlsl" };
        int s = pick_size(g, H | S);
        if (chance(RNG(g), 50)) {
            EMIT(g, "%s %c%d, %c%d, %c%d", PICK(RNG(g), ops), esz[s + 1], V(g), esz[s], V(g), esz[s], V(g));
        } else {
            char e[32];
            elem(g, s, e, sizeof(e));
            if (chance(RNG(g), 50))
                EMIT(g, "%s %c%d, %c%d, %s", PICK(RNG(g), ops), esz[s + 1], V(g), esz[s], V(g), e);
            else
                EMIT(g, "%s %c%d, %c%d, %s", chance(RNG(g), 50) ? "sqdmulh" : "sqrdmulh", esz[s], V(g), esz[s], V(g), e);
        }
        break;
    }
    default: {  /* element to scalar */
        int s = (int)below(RNG(g), 4);
        EMIT(g, "mov %c%d, v%d.%c[%d]", esz[s], V(g), V(g), esz[s], (int)below(RNG(g), 16u >> s));
        break;
    }
    }
}

void a64_t_simdfp(struct a64gen *g)
{
    static const char *const three[] = {
        "fadd", "fsub", "fmul", "fdiv", "fmax", "fmin", "fmaxnm", "fminnm", "fmla", "fmls", "fabd", "fmulx",
        "frecps", "frsqrts", "fcmeq", "fcmge", "fcmgt", "facge", "facgt", "faddp", "fmaxp", "fminp", "fmaxnmp",
        "fminnmp",
    };
    static const char *const two[] = {
        "fabs", "fneg", "fsqrt", "frintn", "frinta", "frintp", "frintm", "frintz", "frintx", "frinti", "fcvtns",
        "fcvtnu", "fcvtps", "fcvtpu", "fcvtms", "fcvtmu", "fcvtzs", "fcvtzu", "fcvtas", "fcvtau", "scvtf",
        "ucvtf", "frecpe", "frsqrte",
    };
    static const char *const fcmz[] = { "fcmeq", "fcmge", "fcmgt", "fcmle", "fcmlt" };
    static const char *const ar[] = { "2s", "4s", "2d" };
    const char *t = PICK(RNG(g), ar);
    char p = t[1] == 'd' ? 'd' : 's';
    switch (below(RNG(g), 10)) {
    case 0: case 1: case 2:
        EMIT(g, "%s v%d.%s, v%d.%s, v%d.%s", PICK(RNG(g), three), V(g), t, V(g), t, V(g), t);
        break;
    case 3: case 4:
        EMIT(g, "%s v%d.%s, v%d.%s", PICK(RNG(g), two), V(g), t, V(g), t);
        break;
    case 5:
        EMIT(g, "%s v%d.%s, v%d.%s, #0.0", PICK(RNG(g), fcmz), V(g), t, V(g), t);
        break;
    case 6: {   /* precision changes */
        bool q2 = chance(RNG(g), 50);
        switch (below(RNG(g), 5)) {
        case 0: EMIT(g, "fcvtn%s v%d.%s, v%d.4s", q2 ? "2" : "", V(g), q2 ? "8h" : "4h", V(g)); break;
        case 1: EMIT(g, "fcvtn%s v%d.%s, v%d.2d", q2 ? "2" : "", V(g), q2 ? "4s" : "2s", V(g)); break;
        case 2: EMIT(g, "fcvtl%s v%d.4s, v%d.%s", q2 ? "2" : "", V(g), V(g), q2 ? "8h" : "4h"); break;
        case 3: EMIT(g, "fcvtl%s v%d.2d, v%d.%s", q2 ? "2" : "", V(g), V(g), q2 ? "4s" : "2s"); break;
        default: EMIT(g, "fcvtxn%s v%d.%s, v%d.2d", q2 ? "2" : "", V(g), q2 ? "4s" : "2s", V(g)); break;
        }
        break;
    }
    case 7: {   /* fixed point, vector; across lanes */
        static const char *const fx[] = { "fcvtzs", "fcvtzu", "scvtf", "ucvtf" };
        if (chance(RNG(g), 60)) {
            EMIT(g, "%s v%d.%s, v%d.%s, #%d", PICK(RNG(g), fx), V(g), t, V(g), t, range(RNG(g), 1, p == 'd' ? 64 : 32));
        } else {
            static const char *const acr[] = { "fmaxv", "fminv", "fmaxnmv", "fminnmv" };
            EMIT(g, "%s s%d, v%d.4s", PICK(RNG(g), acr), V(g), V(g));
        }
        break;
    }
    case 8: {   /* by element */
        static const char *const ops[] = { "fmul", "fmla", "fmls", "fmulx" };
        int lanes = p == 'd' ? 2 : 4;
        if (chance(RNG(g), 70))
            EMIT(g, "%s v%d.%s, v%d.%s, v%d.%c[%d]", PICK(RNG(g), ops), V(g), t, V(g), t, V(g), p,
                 (int)below(RNG(g), (unsigned)lanes));
        else
            EMIT(g, "%s %c%d, %c%d, v%d.%c[%d]", PICK(RNG(g), ops), p, V(g), p, V(g), V(g), p,
                 (int)below(RNG(g), (unsigned)lanes));
        break;
    }
    default: {  /* the scalar forms of the vector ops */
        switch (below(RNG(g), 5)) {
        case 0: {
            static const char *const ops[] = { "fabd", "fmulx", "frecps", "frsqrts", "fcmeq", "fcmge", "fcmgt",
                                               "facge", "facgt" };
            EMIT(g, "%s %c%d, %c%d, %c%d", PICK(RNG(g), ops), p, V(g), p, V(g), p, V(g));
            break;
        }
        case 1: {
            static const char *const ops[] = { "frecpe", "frsqrte", "frecpx", "fcvtns", "fcvtzu", "fcvtas",
                                               "scvtf", "ucvtf", "fcvtps", "fcvtmu" };
            EMIT(g, "%s %c%d, %c%d", PICK(RNG(g), ops), p, V(g), p, V(g));
            break;
        }
        case 2:
            EMIT(g, "%s %c%d, %c%d, #0.0", PICK(RNG(g), fcmz), p, V(g), p, V(g));
            break;
        case 3: {
            static const char *const ops[] = { "faddp", "fmaxp", "fminp", "fmaxnmp", "fminnmp" };
            EMIT(g, "%s %c%d, v%d.%s", PICK(RNG(g), ops), p, V(g), V(g), p == 'd' ? "2d" : "2s");
            break;
        }
        default:
            EMIT(g, "fcvtxn s%d, d%d", V(g), V(g));
            break;
        }
        break;
    }
    }
}

void a64_t_crypto(struct a64gen *g)
{
    switch (below(RNG(g), 6)) {
    case 0: {
        static const char *const ops[] = { "aese", "aesd", "aesmc", "aesimc" };
        EMIT(g, "%s v%d.16b, v%d.16b", PICK(RNG(g), ops), V(g), V(g));
        break;
    }
    case 1: {
        static const char *const ops[] = { "sha1c", "sha1p", "sha1m" };
        EMIT(g, "%s q%d, s%d, v%d.4s", PICK(RNG(g), ops), V(g), V(g), V(g));
        break;
    }
    case 2:
        switch (below(RNG(g), 3)) {
        case 0: EMIT(g, "sha1h s%d, s%d", V(g), V(g)); break;
        case 1: EMIT(g, "sha1su0 v%d.4s, v%d.4s, v%d.4s", V(g), V(g), V(g)); break;
        default: EMIT(g, "sha1su1 v%d.4s, v%d.4s", V(g), V(g)); break;
        }
        break;
    case 3:
        EMIT(g, "%s q%d, q%d, v%d.4s", chance(RNG(g), 50) ? "sha256h" : "sha256h2", V(g), V(g), V(g));
        break;
    case 4:
        if (chance(RNG(g), 50))
            EMIT(g, "sha256su0 v%d.4s, v%d.4s", V(g), V(g));
        else
            EMIT(g, "sha256su1 v%d.4s, v%d.4s, v%d.4s", V(g), V(g), V(g));
        break;
    default:
        if (chance(RNG(g), 50))
            EMIT(g, "pmull v%d.1q, v%d.1d, v%d.1d", V(g), V(g), V(g));
        else
            EMIT(g, "pmull2 v%d.1q, v%d.2d, v%d.2d", V(g), V(g), V(g));
        break;
    }
}
