;; One pass over a batch of lines computing, per line, 16 bits of "may match" gates for the text
;; scanners of the extract and redact stages. lineGates.ts builds the tables, copies the lines in
;; and owns the layout below; every gate is a superset of the check it stands for.
;;
;; Two bit-parallel shift-and automata (64 pattern positions each) find the literal and
;; character-class patterns, and a counter finds seven colons (IPv6). Per byte: two table loads
;; and a dozen integer operations, no branches but the loop's. Measured here, each operation per
;; byte costs ~10 ns per Loghub line, and a third word ~85 ns (the compiler runs out of registers):
;; so two words, and no digit-run counter for card numbers (it cost more than the regex it saved).
;;
;; Layout (bytes):
;;      0  B1: 256 x i64, the positions of word 1's patterns each byte value may take
;;   2048  B2: the same for word 2
;;   4096  START1, FINAL1, START2, FINAL2: i64 each (first and last positions of the patterns)
;;   4128  GATES: for each word, 16 x (i64 mask, i64 bits): the FINAL bits of one gate and its bit;
;;         a zero mask ends the list
;;   8192  heap: line offsets (n + 1 x i32), gates (n x u16), the lines' bytes
(module
  (memory (export "memory") 1)
  ;; The gate bits of one word's matches `m`, from its GATES list at `at`.
  (func $gates (param $m i64) (param $at i32) (result i32)
    (local $g i32) (local $mask i64)
    (block $done
      (loop $pairs
        (br_if $done (i64.eqz (local.get $m)))
        (local.set $mask (i64.load (local.get $at)))
        (br_if $done (i64.eqz (local.get $mask)))
        (if (i64.ne (i64.and (local.get $m) (local.get $mask)) (i64.const 0))
          (then
            (local.set $g (i32.or (local.get $g) (i32.load offset=8 (local.get $at))))
            (local.set $m (i64.and (local.get $m) (i64.xor (local.get $mask) (i64.const -1))))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $pairs)))
    (local.get $g))
  (func (export "scan") (param $offsets i32) (param $n i32) (param $out i32)
    (local $i i32) (local $p i32) (local $end i32) (local $b i32) (local $at i32)
    (local $d1 i64) (local $d2 i64) (local $m1 i64) (local $m2 i64)
    (local $start1 i64) (local $start2 i64) (local $colons i32) (local $g i32)
    (local.set $start1 (i64.load (i32.const 4096)))
    (local.set $start2 (i64.load (i32.const 4112)))
    (block $done
      (loop $lines
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $at (i32.add (local.get $offsets) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $p (i32.load (local.get $at)))
        (local.set $end (i32.load offset=4 (local.get $at)))
        (local.set $d1 (i64.const 0))
        (local.set $d2 (i64.const 0))
        (local.set $m1 (i64.const 0))
        (local.set $m2 (i64.const 0))
        (local.set $colons (i32.const 0))
        (block $lineDone
          (loop $bytes
            (br_if $lineDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $b (i32.load8_u (local.get $p)))
            ;; shift-and: D = ((D << 1) | START) & B[byte]; a FINAL bit set in D is a match.
            (local.set $d1 (i64.and
              (i64.or (i64.shl (local.get $d1) (i64.const 1)) (local.get $start1))
              (i64.load (i32.shl (local.get $b) (i32.const 3)))))
            (local.set $d2 (i64.and
              (i64.or (i64.shl (local.get $d2) (i64.const 1)) (local.get $start2))
              (i64.load offset=2048 (i32.shl (local.get $b) (i32.const 3)))))
            (local.set $m1 (i64.or (local.get $m1) (local.get $d1)))
            (local.set $m2 (i64.or (local.get $m2) (local.get $d2)))
            (local.set $colons (i32.add (local.get $colons) (i32.eq (local.get $b) (i32.const 58))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $bytes)))
        ;; bit 5 (IPv6) is also set by seven colons.
        (local.set $g (i32.shl (i32.ge_u (local.get $colons) (i32.const 7)) (i32.const 5)))
        (local.set $g (i32.or (local.get $g)
          (call $gates (i64.and (local.get $m1) (i64.load (i32.const 4104))) (i32.const 4128))))
        (local.set $g (i32.or (local.get $g)
          (call $gates (i64.and (local.get $m2) (i64.load (i32.const 4120))) (i32.const 4384))))
        (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1))) (local.get $g))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $lines)))))
