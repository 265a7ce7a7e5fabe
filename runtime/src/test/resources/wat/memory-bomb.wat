;; Grows its memory by 16 pages (1 MiB) at a time, forever.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $l
      (drop (memory.grow (i32.const 16)))
      (br $l))))
