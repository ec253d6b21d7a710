.global _start
_start:
    mov x0, #1
    adr x1, msg
    mov x2, #14
    mov x8, #64
    svc #0
    subs x3, x2, #14
    b.ne 1f
    mov x0, #7
    mov x8, #93
    svc #0
1:  mov x0, #3
    mov x8, #93
    svc #0
msg: .ascii "hello, arm64!\n"
