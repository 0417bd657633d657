;; RAID parity kernels over one linear memory.
;;
;; Device data lives in this module's own memory so that parity is computed
;; between memory offsets: copying data in and out of JS buffers would cost more
;; than the SIMD work saves. Each arena (src/kernels/arena.ts) is one instance.
;;
;; Conventions shared by every function:
;;  - Pointers and lengths are i32 byte offsets / byte counts, read as UNSIGNED
;;    (an arena may use the whole 4 GiB), with any alignment and any length,
;;    including 0 and lengths that are not a multiple of 16.
;;  - Work proceeds in three stages: 64 bytes per step (four v128 lanes, so the
;;    loop overhead is paid once per cache line), then 16 bytes per step, then a
;;    scalar byte tail of at most 15 bytes.
;;  - A destination may equal a source exactly (every step reads all of its
;;    inputs before it stores); partial overlap is not supported.
;;  - GF(2^8) uses polynomial 0x11d and generator 2, the Linux md RAID6 field.
;;
;; Multiply-by-2 in GF(2^8), per byte:  (x << 1) ^ (0x1d if x's top bit was set).
;; The shift is written `i8x16.add x x` (the same bits as `i8x16.shl x 1`):
;; x86 has no byte shift, so V8 lowers i8x16.shl to a word shift plus a mask,
;; while a byte add is one instruction. `i8x16.lt_s x 0` gives 0xff in exactly
;; the lanes whose top bit is set, and `v128.and` with 0x1d picks the reduction.
;;
;; Constant multiply uses the split-nibble trick: c*x = lo[x & 15] ^ hi[x >> 4],
;; where `tables` points at 32 bytes: lo (c*0 .. c*15) then hi (c*0x00 .. c*0xf0).
;; `i8x16.swizzle` looks up sixteen bytes at once.
(module
  (memory (export "memory") 1 65536)

  ;; dst[i] ^= src[i]
  (func (export "xor_into") (param $d i32) (param $s i32) (param $n i32)
    (block $done64
      (loop $step64
        (br_if $done64 (i32.lt_u (local.get $n) (i32.const 64)))
        (v128.store offset=0 align=1 (local.get $d)
          (v128.xor (v128.load offset=0 align=1 (local.get $d))
                    (v128.load offset=0 align=1 (local.get $s))))
        (v128.store offset=16 align=1 (local.get $d)
          (v128.xor (v128.load offset=16 align=1 (local.get $d))
                    (v128.load offset=16 align=1 (local.get $s))))
        (v128.store offset=32 align=1 (local.get $d)
          (v128.xor (v128.load offset=32 align=1 (local.get $d))
                    (v128.load offset=32 align=1 (local.get $s))))
        (v128.store offset=48 align=1 (local.get $d)
          (v128.xor (v128.load offset=48 align=1 (local.get $d))
                    (v128.load offset=48 align=1 (local.get $s))))
        (local.set $d (i32.add (local.get $d) (i32.const 64)))
        (local.set $s (i32.add (local.get $s) (i32.const 64)))
        (local.set $n (i32.sub (local.get $n) (i32.const 64)))
        (br $step64)))
    (block $done16
      (loop $step16
        (br_if $done16 (i32.lt_u (local.get $n) (i32.const 16)))
        (v128.store align=1 (local.get $d)
          (v128.xor (v128.load align=1 (local.get $d))
                    (v128.load align=1 (local.get $s))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 16)))
        (br $step16)))
    (block $done1
      (loop $step1
        (br_if $done1 (i32.eqz (local.get $n)))
        (i32.store8 (local.get $d)
          (i32.xor (i32.load8_u (local.get $d)) (i32.load8_u (local.get $s))))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $step1))))

  ;; dst[i] = XOR over j < count of src_j[i]; `list` holds count i32 LE offsets.
  ;; One pass over dst: each 64-byte step gathers from every source, then stores.
  ;; count = 0 stores zeros.
  (func (export "xor_many")
    (param $d i32) (param $list i32) (param $count i32) (param $n i32)
    (local $end i32) (local $pos i32) (local $lp i32) (local $s i32) (local $b i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $end (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))))
    (block $done64
      (loop $step64
        (br_if $done64
          (i32.lt_u (i32.sub (local.get $n) (local.get $pos)) (i32.const 64)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $a1 (v128.const i64x2 0 0))
        (local.set $a2 (v128.const i64x2 0 0))
        (local.set $a3 (v128.const i64x2 0 0))
        (local.set $lp (local.get $list))
        (block $srcs_done
          (loop $srcs
            (br_if $srcs_done (i32.eq (local.get $lp) (local.get $end)))
            (local.set $s (i32.add (i32.load (local.get $lp)) (local.get $pos)))
            (local.set $a0 (v128.xor (local.get $a0) (v128.load offset=0 align=1 (local.get $s))))
            (local.set $a1 (v128.xor (local.get $a1) (v128.load offset=16 align=1 (local.get $s))))
            (local.set $a2 (v128.xor (local.get $a2) (v128.load offset=32 align=1 (local.get $s))))
            (local.set $a3 (v128.xor (local.get $a3) (v128.load offset=48 align=1 (local.get $s))))
            (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
            (br $srcs)))
        (local.set $s (i32.add (local.get $d) (local.get $pos)))
        (v128.store offset=0 align=1 (local.get $s) (local.get $a0))
        (v128.store offset=16 align=1 (local.get $s) (local.get $a1))
        (v128.store offset=32 align=1 (local.get $s) (local.get $a2))
        (v128.store offset=48 align=1 (local.get $s) (local.get $a3))
        (local.set $pos (i32.add (local.get $pos) (i32.const 64)))
        (br $step64)))
    (block $done16
      (loop $step16
        (br_if $done16
          (i32.lt_u (i32.sub (local.get $n) (local.get $pos)) (i32.const 16)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $lp (local.get $list))
        (block $srcs_done
          (loop $srcs
            (br_if $srcs_done (i32.eq (local.get $lp) (local.get $end)))
            (local.set $a0
              (v128.xor (local.get $a0)
                        (v128.load align=1
                          (i32.add (i32.load (local.get $lp)) (local.get $pos)))))
            (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
            (br $srcs)))
        (v128.store align=1 (i32.add (local.get $d) (local.get $pos)) (local.get $a0))
        (local.set $pos (i32.add (local.get $pos) (i32.const 16)))
        (br $step16)))
    (block $done1
      (loop $step1
        (br_if $done1 (i32.eq (local.get $pos) (local.get $n)))
        (local.set $b (i32.const 0))
        (local.set $lp (local.get $list))
        (block $srcs_done
          (loop $srcs
            (br_if $srcs_done (i32.eq (local.get $lp) (local.get $end)))
            (local.set $b
              (i32.xor (local.get $b)
                       (i32.load8_u (i32.add (i32.load (local.get $lp)) (local.get $pos)))))
            (local.set $lp (i32.add (local.get $lp) (i32.const 4)))
            (br $srcs)))
        (i32.store8 (i32.add (local.get $d) (local.get $pos)) (local.get $b))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (br $step1))))

  ;; P[i] = XOR_j src_j[i];  Q[i] = XOR_j 2^j * src_j[i]   (j < count)
  ;; Q by Horner from the highest j down: Q = 2*Q ^ src_j, so each source costs one
  ;; multiply-by-2 per byte instead of a general multiply. count = 0 stores zeros.
  ;; At 64 MiB per source this is bound by memory traffic (five streams) plus the
  ;; multiply work that the CPU cannot fully overlap with it; a 2x unroll measured
  ;; slower than 4x.
  (func (export "gen_pq")
    (param $p i32) (param $q i32) (param $list i32) (param $count i32) (param $n i32)
    (local $pos i32) (local $lp i32) (local $s i32) (local $b i32) (local $c i32)
    (local $zero v128) (local $poly v128) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local.set $poly (v128.const i8x16 0x1d 0x1d 0x1d 0x1d 0x1d 0x1d 0x1d 0x1d
                                       0x1d 0x1d 0x1d 0x1d 0x1d 0x1d 0x1d 0x1d))
    (block $done64
      ;; The wide steps start Horner from the last source (saving one multiply),
      ;; which needs one; with no sources the narrow steps below store zeros.
      (br_if $done64 (i32.eqz (local.get $count)))
      (loop $step64
        (br_if $done64
          (i32.lt_u (i32.sub (local.get $n) (local.get $pos)) (i32.const 64)))
        (local.set $lp
          (i32.add (local.get $list)
                   (i32.shl (i32.sub (local.get $count) (i32.const 1)) (i32.const 2))))
        (local.set $s (i32.add (i32.load (local.get $lp)) (local.get $pos)))
        (local.set $a0 (v128.load offset=0 align=1 (local.get $s)))
        (local.set $a1 (v128.load offset=16 align=1 (local.get $s)))
        (local.set $a2 (v128.load offset=32 align=1 (local.get $s)))
        (local.set $a3 (v128.load offset=48 align=1 (local.get $s)))
        (local.set $q0 (local.get $a0))
        (local.set $q1 (local.get $a1))
        (local.set $q2 (local.get $a2))
        (local.set $q3 (local.get $a3))
        (block $srcs_done
          (loop $srcs
            (br_if $srcs_done (i32.eq (local.get $lp) (local.get $list)))
            (local.set $lp (i32.sub (local.get $lp) (i32.const 4)))
            (local.set $s (i32.add (i32.load (local.get $lp)) (local.get $pos)))

            (local.set $v (v128.load offset=0 align=1 (local.get $s)))
            (local.set $a0 (v128.xor (local.get $a0) (local.get $v)))
            (local.set $q0
              (v128.xor (local.get $v)
                (v128.xor (i8x16.add (local.get $q0) (local.get $q0))
                          (v128.and (i8x16.lt_s (local.get $q0) (local.get $zero))
                                    (local.get $poly)))))

            (local.set $v (v128.load offset=16 align=1 (local.get $s)))
            (local.set $a1 (v128.xor (local.get $a1) (local.get $v)))
            (local.set $q1
              (v128.xor (local.get $v)
                (v128.xor (i8x16.add (local.get $q1) (local.get $q1))
                          (v128.and (i8x16.lt_s (local.get $q1) (local.get $zero))
                                    (local.get $poly)))))

            (local.set $v (v128.load offset=32 align=1 (local.get $s)))
            (local.set $a2 (v128.xor (local.get $a2) (local.get $v)))
            (local.set $q2
              (v128.xor (local.get $v)
                (v128.xor (i8x16.add (local.get $q2) (local.get $q2))
                          (v128.and (i8x16.lt_s (local.get $q2) (local.get $zero))
                                    (local.get $poly)))))

            (local.set $v (v128.load offset=48 align=1 (local.get $s)))
            (local.set $a3 (v128.xor (local.get $a3) (local.get $v)))
            (local.set $q3
              (v128.xor (local.get $v)
                (v128.xor (i8x16.add (local.get $q3) (local.get $q3))
                          (v128.and (i8x16.lt_s (local.get $q3) (local.get $zero))
                                    (local.get $poly)))))
            (br $srcs)))
        (local.set $s (i32.add (local.get $p) (local.get $pos)))
        (v128.store offset=0 align=1 (local.get $s) (local.get $a0))
        (v128.store offset=16 align=1 (local.get $s) (local.get $a1))
        (v128.store offset=32 align=1 (local.get $s) (local.get $a2))
        (v128.store offset=48 align=1 (local.get $s) (local.get $a3))
        (local.set $s (i32.add (local.get $q) (local.get $pos)))
        (v128.store offset=0 align=1 (local.get $s) (local.get $q0))
        (v128.store offset=16 align=1 (local.get $s) (local.get $q1))
        (v128.store offset=32 align=1 (local.get $s) (local.get $q2))
        (v128.store offset=48 align=1 (local.get $s) (local.get $q3))
        (local.set $pos (i32.add (local.get $pos) (i32.const 64)))
        (br $step64)))
    (block $done16
      (loop $step16
        (br_if $done16
          (i32.lt_u (i32.sub (local.get $n) (local.get $pos)) (i32.const 16)))
        (local.set $a0 (v128.const i64x2 0 0))
        (local.set $q0 (v128.const i64x2 0 0))
        (local.set $lp (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))))
        (block $srcs_done
          (loop $srcs
            (br_if $srcs_done (i32.eq (local.get $lp) (local.get $list)))
            (local.set $lp (i32.sub (local.get $lp) (i32.const 4)))
            (local.set $v
              (v128.load align=1 (i32.add (i32.load (local.get $lp)) (local.get $pos))))
            (local.set $a0 (v128.xor (local.get $a0) (local.get $v)))
            (local.set $q0
              (v128.xor (local.get $v)
                (v128.xor (i8x16.add (local.get $q0) (local.get $q0))
                          (v128.and (i8x16.lt_s (local.get $q0) (local.get $zero))
                                    (local.get $poly)))))
            (br $srcs)))
        (v128.store align=1 (i32.add (local.get $p) (local.get $pos)) (local.get $a0))
        (v128.store align=1 (i32.add (local.get $q) (local.get $pos)) (local.get $q0))
        (local.set $pos (i32.add (local.get $pos) (i32.const 16)))
        (br $step16)))
    (block $done1
      (loop $step1
        (br_if $done1 (i32.eq (local.get $pos) (local.get $n)))
        (local.set $b (i32.const 0))
        (local.set $c (i32.const 0))
        (local.set $lp (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))))
        (block $srcs_done
          (loop $srcs
            (br_if $srcs_done (i32.eq (local.get $lp) (local.get $list)))
            (local.set $lp (i32.sub (local.get $lp) (i32.const 4)))
            (local.set $s
              (i32.load8_u (i32.add (i32.load (local.get $lp)) (local.get $pos))))
            (local.set $b (i32.xor (local.get $b) (local.get $s)))
            ;; c < 256, so c >> 7 is the top bit and picks 0x1d or 0.
            (local.set $c
              (i32.xor (local.get $s)
                (i32.xor (i32.and (i32.shl (local.get $c) (i32.const 1)) (i32.const 0xff))
                         (i32.mul (i32.shr_u (local.get $c) (i32.const 7)) (i32.const 0x1d)))))
            (br $srcs)))
        (i32.store8 (i32.add (local.get $p) (local.get $pos)) (local.get $b))
        (i32.store8 (i32.add (local.get $q) (local.get $pos)) (local.get $c))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (br $step1))))

  ;; dst[i] ^= c * src[i]   (c given by its 32-byte nibble tables)
  (func (export "mul_xor_into") (param $d i32) (param $s i32) (param $n i32) (param $t i32)
    (local $lo v128) (local $hi v128) (local $mask v128) (local $x v128) (local $b i32)
    (local.set $lo (v128.load align=1 (local.get $t)))
    (local.set $hi (v128.load offset=16 align=1 (local.get $t)))
    (local.set $mask (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (block $done64
      (loop $step64
        (br_if $done64 (i32.lt_u (local.get $n) (i32.const 64)))
        (local.set $x (v128.load offset=0 align=1 (local.get $s)))
        (v128.store offset=0 align=1 (local.get $d)
          (v128.xor (v128.load offset=0 align=1 (local.get $d))
            (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                      (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4))))))
        (local.set $x (v128.load offset=16 align=1 (local.get $s)))
        (v128.store offset=16 align=1 (local.get $d)
          (v128.xor (v128.load offset=16 align=1 (local.get $d))
            (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                      (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4))))))
        (local.set $x (v128.load offset=32 align=1 (local.get $s)))
        (v128.store offset=32 align=1 (local.get $d)
          (v128.xor (v128.load offset=32 align=1 (local.get $d))
            (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                      (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4))))))
        (local.set $x (v128.load offset=48 align=1 (local.get $s)))
        (v128.store offset=48 align=1 (local.get $d)
          (v128.xor (v128.load offset=48 align=1 (local.get $d))
            (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                      (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4))))))
        (local.set $d (i32.add (local.get $d) (i32.const 64)))
        (local.set $s (i32.add (local.get $s) (i32.const 64)))
        (local.set $n (i32.sub (local.get $n) (i32.const 64)))
        (br $step64)))
    (block $done16
      (loop $step16
        (br_if $done16 (i32.lt_u (local.get $n) (i32.const 16)))
        (local.set $x (v128.load align=1 (local.get $s)))
        (v128.store align=1 (local.get $d)
          (v128.xor (v128.load align=1 (local.get $d))
            (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                      (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4))))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 16)))
        (br $step16)))
    (block $done1
      (loop $step1
        (br_if $done1 (i32.eqz (local.get $n)))
        (local.set $b (i32.load8_u (local.get $s)))
        (i32.store8 (local.get $d)
          (i32.xor (i32.load8_u (local.get $d))
            (i32.xor (i32.load8_u (i32.add (local.get $t) (i32.and (local.get $b) (i32.const 15))))
                     (i32.load8_u offset=16
                       (i32.add (local.get $t) (i32.shr_u (local.get $b) (i32.const 4)))))))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $step1))))

  ;; dst[i] = c * src[i]   (c given by its 32-byte nibble tables; dst may equal src)
  (func (export "mul_into") (param $d i32) (param $s i32) (param $n i32) (param $t i32)
    (local $lo v128) (local $hi v128) (local $mask v128) (local $x v128) (local $b i32)
    (local.set $lo (v128.load align=1 (local.get $t)))
    (local.set $hi (v128.load offset=16 align=1 (local.get $t)))
    (local.set $mask (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))
    (block $done64
      (loop $step64
        (br_if $done64 (i32.lt_u (local.get $n) (i32.const 64)))
        (local.set $x (v128.load offset=0 align=1 (local.get $s)))
        (v128.store offset=0 align=1 (local.get $d)
          (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                    (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4)))))
        (local.set $x (v128.load offset=16 align=1 (local.get $s)))
        (v128.store offset=16 align=1 (local.get $d)
          (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                    (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4)))))
        (local.set $x (v128.load offset=32 align=1 (local.get $s)))
        (v128.store offset=32 align=1 (local.get $d)
          (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                    (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4)))))
        (local.set $x (v128.load offset=48 align=1 (local.get $s)))
        (v128.store offset=48 align=1 (local.get $d)
          (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                    (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4)))))
        (local.set $d (i32.add (local.get $d) (i32.const 64)))
        (local.set $s (i32.add (local.get $s) (i32.const 64)))
        (local.set $n (i32.sub (local.get $n) (i32.const 64)))
        (br $step64)))
    (block $done16
      (loop $step16
        (br_if $done16 (i32.lt_u (local.get $n) (i32.const 16)))
        (local.set $x (v128.load align=1 (local.get $s)))
        (v128.store align=1 (local.get $d)
          (v128.xor (i8x16.swizzle (local.get $lo) (v128.and (local.get $x) (local.get $mask)))
                    (i8x16.swizzle (local.get $hi) (i8x16.shr_u (local.get $x) (i32.const 4)))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 16)))
        (br $step16)))
    (block $done1
      (loop $step1
        (br_if $done1 (i32.eqz (local.get $n)))
        (local.set $b (i32.load8_u (local.get $s)))
        (i32.store8 (local.get $d)
          (i32.xor (i32.load8_u (i32.add (local.get $t) (i32.and (local.get $b) (i32.const 15))))
                   (i32.load8_u offset=16
                     (i32.add (local.get $t) (i32.shr_u (local.get $b) (i32.const 4))))))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $step1))))

  ;; 1 if every byte of [ptr, ptr+len) is zero, else 0. Stops at the first
  ;; non-zero 64-byte step, so a written chunk is usually rejected early.
  (func (export "is_zero") (param $p i32) (param $n i32) (result i32)
    (block $done64
      (loop $step64
        (br_if $done64 (i32.lt_u (local.get $n) (i32.const 64)))
        (if (v128.any_true
              (v128.or
                (v128.or (v128.load offset=0 align=1 (local.get $p))
                         (v128.load offset=16 align=1 (local.get $p)))
                (v128.or (v128.load offset=32 align=1 (local.get $p))
                         (v128.load offset=48 align=1 (local.get $p)))))
          (then (return (i32.const 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (local.set $n (i32.sub (local.get $n) (i32.const 64)))
        (br $step64)))
    (block $done16
      (loop $step16
        (br_if $done16 (i32.lt_u (local.get $n) (i32.const 16)))
        (if (v128.any_true (v128.load align=1 (local.get $p)))
          (then (return (i32.const 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 16)))
        (br $step16)))
    (block $done1
      (loop $step1
        (br_if $done1 (i32.eqz (local.get $n)))
        (if (i32.load8_u (local.get $p))
          (then (return (i32.const 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $step1)))
    (i32.const 1))
)
