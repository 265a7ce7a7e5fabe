;; wordcount: the devnet's demo job. Walks every file under /input (preopened directory, fd 3),
;; depth first in directory order, and prints one line per file, like `wc`:
;;
;;   <lines> <words> <bytes> <path relative to /input>
;;   ...
;;   <lines> <words> <bytes> total
;;
;; A line is a '\n'; a word is a maximal run of bytes other than space and \t \n \v \f \r.
;; Build: wat2wasm wordcount.wat -o wordcount.wasm (the test WordcountJobTest checks the two agree).
;;
;; Memory map: 0..31 scratch (iovec, nread, opened fd, bufused), 64..95 digits, 100..110 constants,
;; 1024..5119 current path, 8192..73727 read buffer, 81920.. one 4 KiB readdir buffer per depth (32 levels).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (memory (export "memory") 4)
  (data (i32.const 100) " \n")
  (data (i32.const 104) "total")

  (global $path_len (mut i32) (i32.const 0))
  (global $in_word (mut i32) (i32.const 0))
  (global $lines (mut i64) (i64.const 0))
  (global $words (mut i64) (i64.const 0))
  (global $bytes (mut i64) (i64.const 0))
  (global $total_lines (mut i64) (i64.const 0))
  (global $total_words (mut i64) (i64.const 0))
  (global $total_bytes (mut i64) (i64.const 0))

  ;; rights asked when opening: FD_READ | PATH_OPEN | FD_READDIR | PATH_FILESTAT_GET | FD_FILESTAT_GET (no write)
  (global $rights i64 (i64.const 2383874))

  (func $emit (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  (func $emit_u64 (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 96))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    (call $emit (local.get $p) (i32.sub (i32.const 96) (local.get $p))))

  (func $report (param $l i64) (param $w i64) (param $b i64) (param $name i32) (param $name_len i32)
    (call $emit_u64 (local.get $l))
    (call $emit (i32.const 100) (i32.const 1))
    (call $emit_u64 (local.get $w))
    (call $emit (i32.const 100) (i32.const 1))
    (call $emit_u64 (local.get $b))
    (call $emit (i32.const 100) (i32.const 1))
    (call $emit (local.get $name) (local.get $name_len))
    (call $emit (i32.const 101) (i32.const 1)))

  ;; Counts the open file $fd and prints its line under the current path.
  (func $count (param $fd i32)
    (local $n i32) (local $i i32) (local $c i32)
    (global.set $lines (i64.const 0))
    (global.set $words (i64.const 0))
    (global.set $bytes (i64.const 0))
    (global.set $in_word (i32.const 0))
    (block $eof
      (loop $read
        (i32.store (i32.const 0) (i32.const 8192))
        (i32.store (i32.const 4) (i32.const 65536))
        (br_if $eof (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
        (local.set $n (i32.load (i32.const 8)))
        (br_if $eof (i32.eqz (local.get $n)))
        (global.set $bytes (i64.add (global.get $bytes) (i64.extend_i32_u (local.get $n))))
        (local.set $i (i32.const 0))
        (loop $scan
          (local.set $c (i32.load8_u (i32.add (i32.const 8192) (local.get $i))))
          (if (i32.eq (local.get $c) (i32.const 10))
            (then (global.set $lines (i64.add (global.get $lines) (i64.const 1)))))
          (if (i32.or (i32.eq (local.get $c) (i32.const 32))
                      (i32.and (i32.ge_u (local.get $c) (i32.const 9)) (i32.le_u (local.get $c) (i32.const 13))))
            (then (global.set $in_word (i32.const 0)))
            (else
              (if (i32.eqz (global.get $in_word))
                (then
                  (global.set $in_word (i32.const 1))
                  (global.set $words (i64.add (global.get $words) (i64.const 1)))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $scan (i32.lt_u (local.get $i) (local.get $n))))
        (br $read)))
    (global.set $total_lines (i64.add (global.get $total_lines) (global.get $lines)))
    (global.set $total_words (i64.add (global.get $total_words) (global.get $words)))
    (global.set $total_bytes (i64.add (global.get $total_bytes) (global.get $bytes)))
    (call $report (global.get $lines) (global.get $words) (global.get $bytes) (i32.const 1024) (global.get $path_len)))

  ;; One directory entry of $dir: recurse into directories, count regular files, skip the rest.
  (func $visit (param $dir i32) (param $depth i32) (param $name i32) (param $name_len i32) (param $type i32)
    (local $saved i32) (local $fd i32)
    (if (i32.and (i32.eq (local.get $name_len) (i32.const 1))
                 (i32.eq (i32.load8_u (local.get $name)) (i32.const 46)))
      (then (return)))
    (if (i32.and (i32.eq (local.get $name_len) (i32.const 2))
                 (i32.and (i32.eq (i32.load8_u (local.get $name)) (i32.const 46))
                          (i32.eq (i32.load8_u offset=1 (local.get $name)) (i32.const 46))))
      (then (return)))
    (if (i32.gt_u (i32.add (global.get $path_len) (i32.add (local.get $name_len) (i32.const 1))) (i32.const 4096))
      (then (return)))
    (local.set $saved (global.get $path_len))
    (memory.copy (i32.add (i32.const 1024) (global.get $path_len)) (local.get $name) (local.get $name_len))
    (global.set $path_len (i32.add (global.get $path_len) (local.get $name_len)))
    (if (i32.eq (local.get $type) (i32.const 3))
      (then
        (if (i32.eqz (call $path_open (local.get $dir) (i32.const 0) (local.get $name) (local.get $name_len)
                                      (i32.const 2) (global.get $rights) (global.get $rights) (i32.const 0) (i32.const 12)))
          (then
            (local.set $fd (i32.load (i32.const 12)))
            (i32.store8 (i32.add (i32.const 1024) (global.get $path_len)) (i32.const 47))
            (global.set $path_len (i32.add (global.get $path_len) (i32.const 1)))
            (call $walk (local.get $fd) (i32.add (local.get $depth) (i32.const 1)))
            (drop (call $fd_close (local.get $fd)))))))
    (if (i32.eq (local.get $type) (i32.const 4))
      (then
        (if (i32.eqz (call $path_open (local.get $dir) (i32.const 0) (local.get $name) (local.get $name_len)
                                      (i32.const 0) (global.get $rights) (global.get $rights) (i32.const 0) (i32.const 12)))
          (then
            (local.set $fd (i32.load (i32.const 12)))
            (call $count (local.get $fd))
            (drop (call $fd_close (local.get $fd)))))))
    (global.set $path_len (local.get $saved)))

  ;; Reads directory $dir in batches (fd_readdir with cookies) and visits each complete entry.
  (func $walk (param $dir i32) (param $depth i32)
    (local $buf i32) (local $cookie i64) (local $used i32) (local $pos i32) (local $name_len i32)
    (if (i32.ge_u (local.get $depth) (i32.const 32))
      (then (return)))
    (local.set $buf (i32.add (i32.const 81920) (i32.mul (local.get $depth) (i32.const 4096))))
    (block $end
      (loop $batch
        (br_if $end (call $fd_readdir (local.get $dir) (local.get $buf) (i32.const 4096) (local.get $cookie) (i32.const 16)))
        (local.set $used (i32.load (i32.const 16)))
        (local.set $pos (i32.const 0))
        (block $batch_done
          (loop $entry
            (br_if $batch_done (i32.gt_u (i32.add (local.get $pos) (i32.const 24)) (local.get $used)))
            (local.set $name_len (i32.load offset=16 (i32.add (local.get $buf) (local.get $pos))))
            (br_if $batch_done
              (i32.gt_u (i32.add (i32.add (local.get $pos) (i32.const 24)) (local.get $name_len)) (local.get $used)))
            (local.set $cookie (i64.load (i32.add (local.get $buf) (local.get $pos))))
            (call $visit (local.get $dir) (local.get $depth)
                         (i32.add (i32.add (local.get $buf) (local.get $pos)) (i32.const 24))
                         (local.get $name_len)
                         (i32.load8_u offset=20 (i32.add (local.get $buf) (local.get $pos))))
            (local.set $pos (i32.add (local.get $pos) (i32.add (i32.const 24) (local.get $name_len))))
            (br $entry)))
        ;; a full buffer means more entries may follow; an entry larger than the buffer ends the walk
        (br_if $end (i32.eqz (local.get $pos)))
        (br_if $batch (i32.eq (local.get $used) (i32.const 4096))))))

  (func (export "_start")
    (call $walk (i32.const 3) (i32.const 0))
    (call $report (global.get $total_lines) (global.get $total_words) (global.get $total_bytes)
                  (i32.const 104) (i32.const 5))))
