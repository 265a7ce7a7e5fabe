;; Never ends: a CPU-bound loop (also the instructions/s benchmark).
(module
  (func (export "_start")
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l))))
