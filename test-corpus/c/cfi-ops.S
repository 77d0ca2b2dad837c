# Hand-written CFI exercising every DW_CFA instruction the unwinder reads, for the CFI tests to
# compare with readelf -wF. Never run: the code only gives the rows addresses. Assembled twice:
# as is (.eh_frame with personality and LSDA pointers: a 'zPLRS' CIE) and with DEBUG_FRAME
# defined (.debug_frame only).
#ifdef DEBUG_FRAME
        .cfi_sections .debug_frame
#endif
        .text
        .globl  cfi_ops
        .type   cfi_ops, @function
cfi_ops:
        .cfi_startproc
#ifndef DEBUG_FRAME
        .cfi_personality 0x9b, personality_ref
        .cfi_lsda 0x1b, lsda
#endif
        push    %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        mov     %rsp, %rbp
        .cfi_def_cfa_register %rbp
        push    %rbx
        .cfi_rel_offset %rbx, -24
        .cfi_remember_state
        .cfi_register %r12, %r13
        .cfi_same_value %r14
        .cfi_undefined %r15
        nop
        .cfi_val_offset %r11, -32
        # DW_CFA_offset_extended_sf r10, -5 (x data alignment -8 = +40)
        .cfi_escape 0x11, 0x0a, 0x7b
        # DW_CFA_GNU_negative_offset_extended r9, 6 (-6 x -8 = +48)
        .cfi_escape 0x2f, 0x09, 0x06
        # DW_CFA_val_offset_sf r8, 2 (2 x -8 = -16)
        .cfi_escape 0x15, 0x08, 0x02
        # DW_CFA_GNU_args_size 16
        .cfi_escape 0x2e, 0x10
        nop
        # DW_CFA_expression rsi, { DW_OP_breg6 -8 }
        .cfi_escape 0x10, 0x04, 0x02, 0x76, 0x78
        # DW_CFA_val_expression rdi, { DW_OP_breg7 8; DW_OP_lit3; DW_OP_shl; DW_OP_plus_uconst 1 }
        .cfi_escape 0x16, 0x05, 0x06, 0x77, 0x08, 0x33, 0x24, 0x23, 0x01
        nop
        .cfi_restore %rbx
        .cfi_restore_state
        nop
        # DW_CFA_def_cfa_sf rsp, -2 (x -8 = 16)
        .cfi_escape 0x12, 0x07, 0x7e
        # DW_CFA_def_cfa_offset_sf -4 (x -8 = 32)
        .cfi_escape 0x13, 0x7c
        nop
        # DW_CFA_def_cfa_expression { DW_OP_breg7 8; DW_OP_breg16 0; DW_OP_lit15; DW_OP_and; DW_OP_lit11; DW_OP_ge; DW_OP_lit3; DW_OP_shl; DW_OP_plus }: a PLT entry's
        .cfi_escape 0x0f, 0x0b, 0x77, 0x08, 0x80, 0x00, 0x3f, 0x1a, 0x3b, 0x2a, 0x33, 0x24, 0x22
        nop
        .cfi_def_cfa %rsp, 8
        .cfi_restore %rbp
        .cfi_signal_frame
        ret
        .cfi_endproc
        .size   cfi_ops, .-cfi_ops

        .section .rodata
lsda:   .byte   0xff
        .data
personality_ref:
        .quad   cfi_ops
