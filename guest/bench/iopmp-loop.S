/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Bare-metal riscv64 loops for -M virt,iopmp=on (-bios none, loaded at
 * 0x80000000, M-mode, hart 0 = RRID 0).  The IOPMP checks M-mode too.
 *
 * By default: program the IOPMP so that RRID 0 may read, write and
 * execute all of DRAM (entry 0, NAPOT, MD 0), enable it, then run the
 * loop of memloop.S (read-modify-write every doubleword of a 64 KiB
 * buffer, ITERATIONS times): the cost of an enabled IOPMP that allows.
 *
 * With -DRO_PAGE: also make the page at PAGE read-only for RRID 0
 * (entry 0, a priority entry before the grant of everything), with
 * ERR_CFG.rs set so that denied stores are dropped silently, then
 * alternate a load and a store on that page ITERATIONS times.  Counting
 * the IOPMP's translate() calls for two values of ITERATIONS shows
 * whether alternating loads and stores re-translate the page.
 *
 * Both power off through the sifive_test device.
 */
#ifndef ITERATIONS
#define ITERATIONS  4000
#endif
#define BUFFER      0x80100000
#define BUF_DWORDS  (64 * 1024 / 8)
#define PAGE        0x80200000
#define IOPMP       0x10200000
#define HWCFG0      (IOPMP + 0x08)
#define ERR_CFG     (IOPMP + 0x60)
#define MDCFG0      (IOPMP + 0x800)
#define SRCMD0      (IOPMP + 0x1000)
#define ENTRY(i)    (IOPMP + 0x10000 + 16 * (i))
#define CFG_RWX     0x7
#define CFG_R       0x1
#define A_NAPOT     (3 << 3)
#define SIFIVE_TEST 0x100000
#define TEST_PASS   0x5555

    .text
    .globl _start
_start:
#ifdef RO_PAGE
    /* entry 0: NAPOT 4 KiB at PAGE, read only */
    li      t0, ENTRY(0)
    li      t1, (PAGE | 0x7ff) >> 2
    sw      t1, 0(t0)
    li      t1, CFG_R | A_NAPOT
    sw      t1, 8(t0)
    /* entry 1: NAPOT 2 GiB at 0x80000000, RWX */
    li      t0, ENTRY(1)
#else
    /* entry 0: NAPOT 2 GiB at 0x80000000, RWX */
    li      t0, ENTRY(0)
#endif
    li      t1, 0x2fffffff
    sw      t1, 0(t0)
    li      t1, CFG_RWX | A_NAPOT
    sw      t1, 8(t0)
    /* MD 0 owns entries 0 and 1; RRID 0 uses MD 0 (EN, and SPS R/W/X) */
    li      t0, MDCFG0
    li      t1, 2
    sw      t1, 0(t0)
    li      t0, SRCMD0
    li      t1, 2
    sw      t1, 0(t0)
    sw      t1, 8(t0)
    sw      t1, 16(t0)
    sw      t1, 24(t0)
    /* rs: denied stores are dropped, no bus error */
    li      t0, ERR_CFG
    li      t1, 4
    sw      t1, 0(t0)
    li      t0, HWCFG0
    li      t1, 1
    sw      t1, 0(t0)

#ifdef RO_PAGE
    li      t0, PAGE
    li      t1, ITERATIONS
1:
    ld      t2, 0(t0)
    sd      t2, 8(t0)
    addi    t1, t1, -1
    bnez    t1, 1b
#else
    li      t0, BUFFER
    li      t1, ITERATIONS
1:
    mv      t2, t0
    li      t3, BUF_DWORDS
2:
    ld      t4, 0(t2)
    addi    t4, t4, 1
    sd      t4, 0(t2)
    addi    t2, t2, 8
    addi    t3, t3, -1
    bnez    t3, 2b
    addi    t1, t1, -1
    bnez    t1, 1b
#endif

    li      t0, SIFIVE_TEST
    li      t1, TEST_PASS
    sw      t1, 0(t0)
3:
    j       3b
