/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Entry of the WorldGuard demo stage (see stage.c).  The generic loader
 * starts every hart here instead of at virt's reset vector.  Hart 0
 * clears .bss (the image does not hold it, and RAM need not be zero)
 * and programs the checker while the others wait, with no stack; then
 * every hart goes on through the reset vector at 0x1000, which enters
 * OpenSBI as usual.
 */
    .section .text.start, "ax"
    .globl _start
_start:
    csrr    a0, mhartid
    bnez    a0, wait
    /* Hart 0 runs the C code, on the whole stack area; the others wait */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  la      sp, stack_end
    call    stage_main
    fence   rw, rw
    la      t0, stage_done
    li      t1, 1
    sw      t1, 0(t0)
    j       boot
wait:
    la      t0, stage_done
1:  lw      t1, 0(t0)
    beqz    t1, 1b
    fence   rw, rw
boot:
    li      t0, 0x1000
    jr      t0

    .data
    .balign 16
    .globl stage_done
stage_done:             /* in .data: part of the image, so 0 at every boot */
    .word   0

    .section .stack, "aw", @nobits
    .balign 16
    .skip   8 * 1024
stack_end:
