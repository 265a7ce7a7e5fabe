;; Calls itself without end: must trap on the engine's call-depth limit, never overflow the JVM stack.
(module
  (func $f (param $n i32) (result i32)
    (i32.add (call $f (i32.add (local.get $n) (i32.const 1))) (i32.const 1)))
  (func (export "_start")
    (drop (call $f (i32.const 0)))))
