/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Bare-metal riscv64 loop for -M virt,wg=on (-bios none, loaded at
 * 0x80000000): M-mode (the trusted world) programs the DRAM checker so
 * that world 0 may only read the page at PAGE, then drops to S-mode
 * (world 0, the reset value of mlwid), which alternates a load and a
 * store on that page ITERATIONS times (the stores are dropped silently)
 * and powers off through an ecall to M-mode and the sifive_test device.
 * Counting the checker's translate() calls for two values of ITERATIONS
 * shows whether alternating loads and stores re-translate the page.
 */
#ifndef ITERATIONS
#define ITERATIONS  4000
#endif
#define PAGE        0x80200000
#define WGC         0x06000000
#define SLOT(n)     (WGC + 0x20 + 0x20 * (n))
#define A_TOR       1
#define SIFIVE_TEST 0x100000
#define TEST_PASS   0x5555

    .text
    .globl _start
_start:
    la      t0, trap
    csrw    mtvec, t0
    /* S-mode may use all memory as far as PMP is concerned */
    li      t0, -1
    csrw    pmpaddr0, t0
    li      t0, 0x1f                /* NAPOT, RWX */
    csrw    pmpcfg0, t0

    /*
     * slot 14: TOR [range base, PAGE)       every world RW
     * slot 15: TOR [PAGE, PAGE + 4K)        world 0 R, world 3 RW
     * slot 16: TOR [PAGE + 4K, range end)   every world RW (reset value)
     */
    li      t0, SLOT(14)
    li      t1, PAGE >> 2
    sd      t1, 0(t0)
    li      t1, 0xff
    sd      t1, 8(t0)
    li      t1, A_TOR
    sw      t1, 16(t0)
    li      t0, SLOT(15)
    li      t1, (PAGE + 0x1000) >> 2
    sd      t1, 0(t0)
    li      t1, 0xc1
    sd      t1, 8(t0)
    li      t1, A_TOR
    sw      t1, 16(t0)

    /* mret to S-mode at s_loop */
    li      t0, 3 << 11             /* MPP */
    csrc    mstatus, t0
    li      t0, 1 << 11             /* MPP = S */
    csrs    mstatus, t0
    la      t0, s_loop
    csrw    mepc, t0
    mret

s_loop:
    li      t0, PAGE
    li      t1, ITERATIONS
1:
    ld      t2, 0(t0)
    sd      t2, 8(t0)
    addi    t1, t1, -1
    bnez    t1, 1b
    ecall

    .balign 4
trap:
    li      t0, SIFIVE_TEST
    li      t1, TEST_PASS
    sw      t1, 0(t0)
2:
    j       2b
