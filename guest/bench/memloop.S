/*
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Bare-metal riscv64 benchmark loop for the virt machine (-bios none,
 * loaded at 0x80000000, M-mode): read-modify-write every doubleword of a
 * 64 KiB buffer, ITERATIONS times, then power off through the
 * sifive_test device.  The buffer address is BUFFER, so the same loop
 * can run over plain DRAM or over a window behind an IOMMU.
 */
#ifndef BUFFER
#define BUFFER      0x80100000
#endif
#ifndef ITERATIONS
#define ITERATIONS  4000
#endif
#define BUF_DWORDS  (64 * 1024 / 8)
#define SIFIVE_TEST 0x100000
#define TEST_PASS   0x5555

    .text
    .globl _start
_start:
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

    li      t0, SIFIVE_TEST
    li      t1, TEST_PASS
    sw      t1, 0(t0)
3:
    j       3b
