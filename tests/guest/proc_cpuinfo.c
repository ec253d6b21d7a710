/* proc_cpuinfo.c — /proc/cpuinfo describes the cpu the program runs on, in
 * its architecture's format: one block per online cpu with the keys that
 * architecture's kernel prints (aarch64: processor, BogoMIPS, Features, CPU
 * implementer/architecture/variant/part/revision; riscv64: processor, hart,
 * isa, mmu; x86-64: processor, vendor_id, flags), and the feature list agreeing
 * with AT_HWCAP (aarch64 Features words, riscv64 isa letters). Prints yes/no
 * answers only, so every architecture prints the same.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static char buf[1 << 20];

/* the value of "key\t...: value" lines, the n-th occurrence */
static const char *value(const char *key, int nth, char *out, size_t len)
{
    size_t kl = strlen(key);
    for (const char *l = buf; *l;) {
        const char *nl = strchr(l, '\n');
        size_t ll = nl ? (size_t)(nl - l) : strlen(l);
        if (ll > kl && strncmp(l, key, kl) == 0 && (l[kl] == '\t' || l[kl] == ':')) {
            const char *c = memchr(l, ':', ll);
            if (c && nth-- == 0) {
                c++;
                while (*c == ' ')
                    c++;
                size_t vl = (size_t)(l + ll - c);
                if (vl >= len)
                    vl = len - 1;
                memcpy(out, c, vl);
                out[vl] = '\0';
                return out;
            }
        }
        l = nl ? nl + 1 : l + ll;
    }
    return NULL;
}

static int count(const char *key)
{
    char v[4096];
    int n = 0;
    while (value(key, n, v, sizeof v))
        n++;
    return n;
}

__attribute__((unused)) static int has_word(const char *list, const char *w)
{
    size_t wl = strlen(w);
    for (const char *p = list; (p = strstr(p, w)); p += wl)
        if ((p == list || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == '\0'))
            return 1;
    return 0;
}

int main(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) {
        printf("no /proc/cpuinfo\n");
        return 1;
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);

    int cpus = count("processor");
    printf("one block per online cpu: %d\n", cpus == sysconf(_SC_NPROCESSORS_ONLN));
    char v[4096];
    int keys_ok = 1, agree = 1;
    unsigned long hw = getauxval(AT_HWCAP);
#if defined(__aarch64__)
    static const char *const keys[] = { "BogoMIPS", "Features", "CPU implementer",
                                        "CPU architecture", "CPU variant", "CPU part",
                                        "CPU revision" };
    static const char *const names[32] = {
        "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32",
        "atomics", "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc",
        "dcpop", "sha3", "sm3", "sm4", "asimddp", "sha512", "sve", "asimdfhm",
        "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg",
    };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        keys_ok &= count(keys[k]) == cpus;
    for (int c = 0; c < cpus && value("Features", c, v, sizeof v); c++)
        for (int b = 0; b < 32; b++)
            agree &= has_word(v, names[b]) == (int)((hw >> b) & 1);
    keys_ok &= value("CPU architecture", 0, v, sizeof v) && strcmp(v, "8") == 0;
    keys_ok &= value("CPU implementer", 0, v, sizeof v) && strncmp(v, "0x", 2) == 0 && strlen(v) == 4;
    keys_ok &= value("CPU part", 0, v, sizeof v) && strncmp(v, "0x", 2) == 0 && strlen(v) == 5;
#elif defined(__riscv)
    static const char *const keys[] = { "hart", "isa", "mmu" };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        keys_ok &= count(keys[k]) == cpus;
    for (int c = 0; c < cpus && value("isa", c, v, sizeof v); c++) {
        /* single letters after "rv64", up to the first '_' */
        agree &= strncmp(v, "rv64", 4) == 0;
        char *end = strchr(v, '_');
        if (end)
            *end = '\0';
        for (int b = 0; b < 26; b++)
            agree &= (strchr(v + 4, 'a' + b) != NULL) == (int)((hw >> b) & 1);
    }
    keys_ok &= value("mmu", 0, v, sizeof v) && strncmp(v, "sv", 2) == 0;
#else
    static const char *const keys[] = { "vendor_id", "flags" };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        keys_ok &= count(keys[k]) == cpus;
    /* x86-64 glibc's getauxval(AT_HWCAP) is its own word, not CPUID's:
     * only check what every x86-64 has */
    (void)hw;
    for (int c = 0; c < cpus && value("flags", c, v, sizeof v); c++)
        agree &= has_word(v, "fpu") && has_word(v, "sse2") && has_word(v, "lm");
#endif
    printf("the architecture's keys in every block: %d\n", keys_ok);
    printf("features agree with AT_HWCAP: %d\n", agree);
    return 0;
}
