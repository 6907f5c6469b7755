/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * M-mode stage of the WorldGuard demo of `make run` (-M virt,wg=on).
 *
 * It runs before OpenSBI, in the trusted world (the harts' M-mode WID),
 * finds through the device tree the WorldGuard checker that guards the
 * memory node, and reserves the top MiB of DRAM for the trusted world:
 *
 *   slot 1        TOR [checker range base, top MiB)   every world RW
 *   slot nslots   TOR [checker range base, range end)  world 3 RW, ER|EW
 *
 * (slot nslots's TOR range starts at the address of slot nslots - 1,
 * which is the range base while that slot keeps its reset value: the
 * stage needs at least 3 slots, and virt's DRAM checker has 16).
 * Both slots are locked until reset.  A world other than 3 that touches
 * the top MiB then gets a bus error (an access fault on the hart).  The
 * stage writes a secret there and OpenSBI boots Linux, whose kernel
 * command line (mem=) keeps the top MiB out of its memory map; Linux
 * runs in world 0, the reset value of mlwid.  With wg=off the device
 * tree has no checker: the stage only writes the secret, which Linux
 * can then read.
 *
 * Slot addresses are written with 8-byte accesses, permissions as two
 * 4-byte halves and cfg with 4-byte accesses, as firmware may.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UART0           0x10000000UL
#define MROM_FDT_ADDR   0x1020UL    /* virt's reset vector keeps the DTB address here */
#define RESERVED_SIZE   0x100000UL
#define SECRET_OFFSET   0x80000UL
#define SECRET          0x5445524345534757ULL   /* "WGSECRET", little-endian */

#define WGC_NSLOTS      0x08
#define WGC_SLOT(n)     (0x20 + 0x20 * (n))
#define WGC_ADDR        0x00
#define WGC_PERM        0x08
#define WGC_CFG         0x10
#define CFG_TOR         1u
#define CFG_ER          (1u << 8)
#define CFG_EW          (1u << 9)
#define CFG_L           (1u << 31)
#define TRUSTED_WID     3

#define FDT_BEGIN_NODE  1
#define FDT_END_NODE    2
#define FDT_PROP        3
#define FDT_NOP         4
#define FDT_END         9

static void uart_putc(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART0;

    while (!(uart[5] & 0x20)) {
        /* wait until the transmitter holding register is empty */
    }
    uart[0] = c;
}

static void puts_(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') {
            uart_putc('\r');
        }
        uart_putc(*s);
    }
}

static void puthex(uint64_t v)
{
    int shift = 60;

    puts_("0x");
    while (shift > 0 && !((v >> shift) & 0xf)) {
        shift -= 4;
    }
    for (; shift >= 0; shift -= 4) {
        uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
    }
}

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;

    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
           (uint32_t)b[2] << 8 | b[3];
}

static uint64_t be64(const void *p)
{
    return (uint64_t)be32(p) << 32 | be32((const uint8_t *)p + 4);
}

static bool str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static uint32_t str_len(const char *s)
{
    uint32_t n = 0;

    while (s[n]) {
        n++;
    }
    return n;
}

/* Does the string list @list (a "compatible" value) hold @s? */
static bool strlist_has(const char *list, uint32_t len, const char *s)
{
    uint32_t i = 0;

    while (i < len) {
        if (str_eq(list + i, s)) {
            return true;
        }
        i += str_len(list + i) + 1;
    }
    return false;
}

typedef struct Node {
    uint32_t phandle;
    uint64_t base, size;        /* first "reg" entry (2 + 2 cells) */
    bool memory, checker;
    uint32_t subordinates[8];
    uint32_t nsub;
    uint32_t slot_count;
} Node;

static Node memory_node, checker_nodes[8];
static uint32_t nr_checkers;

/* Walk the flattened device tree, keeping memory and checker nodes */
static void scan_fdt(const uint8_t *fdt)
{
    const uint8_t *p = fdt + be32(fdt + 8);
    const char *strings = (const char *)fdt + be32(fdt + 12);
    Node stack[16];
    int depth = -1;

    for (;;) {
        uint32_t token = be32(p);

        p += 4;
        if (token == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;

            p += (str_len(name) + 4) & ~3u;
            if (++depth >= 16) {
                return;
            }
            stack[depth] = (Node) { 0 };
        } else if (token == FDT_PROP) {
            uint32_t len = be32(p);
            const char *pname = strings + be32(p + 4);
            const uint8_t *val = p + 8;
            Node *n;

            p += 8 + ((len + 3) & ~3u);
            if (depth < 0) {
                return;
            }
            n = &stack[depth];
            if (str_eq(pname, "phandle") && len == 4) {
                n->phandle = be32(val);
            } else if (str_eq(pname, "reg") && len >= 16) {
                n->base = be64(val);
                n->size = be64(val + 8);
            } else if (str_eq(pname, "device_type")) {
                n->memory = str_eq((const char *)val, "memory");
            } else if (str_eq(pname, "compatible")) {
                n->checker = strlist_has((const char *)val, len,
                                         "sifive,wgchecker2");
            } else if (str_eq(pname, "sifive,subordinates")) {
                for (uint32_t i = 0; i < len / 4 && i < 8; i++) {
                    n->subordinates[n->nsub++] = be32(val + 4 * i);
                }
            } else if (str_eq(pname, "sifive,slot-count") && len == 4) {
                n->slot_count = be32(val);
            }
        } else if (token == FDT_END_NODE) {
            if (depth < 0) {
                return;
            }
            if (stack[depth].memory && !memory_node.size) {
                memory_node = stack[depth];
            }
            if (stack[depth].checker && nr_checkers < 8) {
                checker_nodes[nr_checkers++] = stack[depth];
            }
            depth--;
        } else if (token != FDT_NOP) {
            return;     /* FDT_END, or something this walker does not know */
        }
    }
}

static void w32(uint64_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static void w64(uint64_t addr, uint64_t v)
{
    *(volatile uint64_t *)addr = v;
}

static uint32_t r32(uint64_t addr)
{
    return *(volatile uint32_t *)addr;
}

static uint64_t r64(uint64_t addr)
{
    return *(volatile uint64_t *)addr;
}

void stage_main(void);

void stage_main(void)
{
    const uint8_t *fdt = (const uint8_t *)*(volatile uint64_t *)MROM_FDT_ADDR;
    const Node *checker = NULL;
    uint64_t mem_end, resv, wgc, s1, sn;
    uint32_t nslots, mlwid;

    puts_("wg-stage: M-mode stage of the WorldGuard demo\n");
    if (be32(fdt) != 0xd00dfeed) {
        puts_("wg-stage: no device tree at the address virt gives\n");
        return;
    }
    scan_fdt(fdt);
    if (!memory_node.size) {
        puts_("wg-stage: no memory node\n");
        return;
    }
    mem_end = memory_node.base + memory_node.size;
    resv = mem_end - RESERVED_SIZE;

    for (uint32_t i = 0; i < nr_checkers && !checker; i++) {
        for (uint32_t j = 0; j < checker_nodes[i].nsub; j++) {
            if (checker_nodes[i].subordinates[j] == memory_node.phandle &&
                memory_node.phandle) {
                checker = &checker_nodes[i];
            }
        }
    }

    if (!checker) {
        puts_("wg-stage: no WorldGuard checker guards the memory node: "
              "nothing reserved\n");
    } else {
        wgc = checker->base;
        nslots = r32(wgc + WGC_NSLOTS);
        puts_("wg-stage: DRAM ");
        puthex(memory_node.base);
        puts_("-");
        puthex(mem_end - 1);
        puts_(" is guarded by the checker at ");
        puthex(wgc);
        puts_(" (");
        puthex(nslots);
        puts_(" slots)\n");
        if (nslots != checker->slot_count || nslots < 3) {
            puts_("wg-stage: unexpected slot count, nothing reserved\n");
            return;
        }
        s1 = wgc + WGC_SLOT(1);
        sn = wgc + WGC_SLOT(nslots);
        /* Slot 1 first: world 3 keeps its rights all along */
        w64(s1 + WGC_ADDR, resv >> 2);
        w32(s1 + WGC_PERM, 0xff);
        w32(s1 + WGC_PERM + 4, 0);
        w32(s1 + WGC_CFG, CFG_TOR | CFG_L);
        w64(sn + WGC_PERM, 3ull << (2 * TRUSTED_WID));
        w32(sn + WGC_CFG, CFG_TOR | CFG_ER | CFG_EW | CFG_L);
        if (r64(s1 + WGC_ADDR) != resv >> 2 || r64(sn + WGC_PERM) != 0xc0 ||
            r32(sn + WGC_CFG) != (CFG_TOR | CFG_ER | CFG_EW | CFG_L)) {
            puts_("wg-stage: the checker did not take the rules\n");
            return;
        }
        asm volatile("csrr %0, 0x390" : "=r"(mlwid));  /* mlwid */
        puts_("wg-stage: ");
        puthex(resv);
        puts_("-");
        puthex(mem_end - 1);
        puts_(" reserved for world 3 (locked); S-mode and U-mode run in "
              "world ");
        puthex(mlwid);
        puts_("\n");
    }
    w64(resv + SECRET_OFFSET, SECRET);
    puts_("wg-stage: secret ");
    puthex(SECRET);
    puts_(" written at ");
    puthex(resv + SECRET_OFFSET);
    puts_("\n");
}
