/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Entry of the WorldGuard demo stage (see stage.c).  The generic loader
 * starts every hart here instead of at virt's reset vector.  Hart 0
 * programs the checker while the others wait; then every hart goes on
 * through the reset vector at 0x1000, which enters OpenSBI as usual.
 */
    .section .text.start, "ax"
    .globl _start
_start:
    csrr    a0, mhartid
    li      t0, 8
    bgeu    a0, t0, park            /* more harts than stacks */
    la      sp, stacks_end
    slli    t0, a0, 10
    sub     sp, sp, t0
    bnez    a0, wait
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
park:
    wfi
    j       park

    .data
    .balign 16
    .globl stage_done
stage_done:             /* in .data: part of the image, so 0 at every boot */
    .word   0

    .bss
    .balign 16
stacks:
    .skip   8 * 1024
stacks_end:
