//! Hand-written assembly that leaves data in .text right before a function, as OpenSSL's
//! CRYPTOGAMS code does: a linear sweep from the previous function runs out of step into the next
//! one, so only a decoder that restarts at function starts lists the functions as objdump does.
//! Every function has CFI, so the stripped copy still records where each starts (.eh_frame FDEs).

use std::arch::global_asm;
use std::hint::black_box;

global_asm!(
    ".text",
    ".p2align 4",
    ".globl asmgap_first",
    ".type asmgap_first,@function",
    "asmgap_first:",
    ".cfi_startproc",
    "lea eax, [rdi + 1]",
    "ret",
    ".cfi_endproc",
    ".size asmgap_first, .-asmgap_first",
    // Unlabelled table bytes ending in 48 b8, the start of a 10-byte movabs: a sweep from
    // asmgap_first swallows the first 8 bytes of asmgap_second as its immediate.
    ".byte 0x90, 0x90, 0x48, 0xb8",
    ".globl asmgap_second",
    ".type asmgap_second,@function",
    "asmgap_second:",
    ".cfi_startproc",
    "xor edi, edi",
    "add edi, 41",
    "mov eax, 2",
    "imul edi, eax",
    "shr edi, 1",
    // a 5-byte jmp rel32 tail call, the last instruction of the function
    ".byte 0xe9",
    ".long asmgap_first - . - 4",
    ".cfi_endproc",
    ".size asmgap_second, .-asmgap_second",
    // ud2, then 0f 89, the start of a 6-byte jns rel32: a sweep swallows all of asmgap_third but its ret.
    ".byte 0x0f, 0x0b, 0x0f, 0x89",
    ".globl asmgap_third",
    ".type asmgap_third,@function",
    "asmgap_third:",
    ".cfi_startproc",
    "mov eax, edi",
    "add eax, esi",
    "ret",
    ".cfi_endproc",
    ".size asmgap_third, .-asmgap_third",
);

extern "C" {
    fn asmgap_first(x: i32) -> i32;
    fn asmgap_second(x: i32) -> i32;
    fn asmgap_third(a: i32, b: i32) -> i32;
}

fn main() {
    let (a, b, c) = unsafe {
        (
            asmgap_first(black_box(1)),
            asmgap_second(black_box(2)),
            asmgap_third(black_box(3), black_box(4)),
        )
    };
    println!("{a} {b} {c}");
}
