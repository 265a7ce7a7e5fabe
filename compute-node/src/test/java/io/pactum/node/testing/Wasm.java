package io.pactum.node.testing;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The hostile (and one friendly) job modules of the W12 matrix, as WAT compiled in the test. */
public final class Wasm {
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Wasm() {}

    private static final String FD_WRITE =
            "(import \"wasi_snapshot_preview1\" \"fd_write\" (func $w (param i32 i32 i32 i32) (result i32)))";

    /** Writes "ok\n" to stdout. */
    public static byte[] ok() {
        return compile("ok", "(module " + FD_WRITE + " (memory (export \"memory\") 1)"
                + " (data (i32.const 16) \"ok\\n\")"
                + " (func (export \"_start\") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 3))"
                + " (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))");
    }

    /** Never ends. */
    public static byte[] infiniteLoop() {
        return compile("loop", "(module (func (export \"_start\") (loop $l (br $l))))");
    }

    /** Grows memory by 16 pages forever. */
    public static byte[] memoryBomb() {
        return compile("bomb", "(module (memory (export \"memory\") 1)"
                + " (func (export \"_start\") (loop $l (drop (memory.grow (i32.const 16))) (br $l))))");
    }

    /** Writes 4 KiB blocks to stdout forever. */
    public static byte[] hugeOutput() {
        return compile("huge", "(module " + FD_WRITE + " (memory (export \"memory\") 1)"
                + " (func (export \"_start\") (memory.fill (i32.const 1024) (i32.const 65) (i32.const 4096))"
                + " (i32.store (i32.const 0) (i32.const 1024)) (i32.store (i32.const 4) (i32.const 4096))"
                + " (loop $l (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))) (br $l))))");
    }

    /** Traps at once. */
    public static byte[] trap() {
        return compile("trap", "(module (func (export \"_start\") unreachable))");
    }

    /** Not WASM at all. */
    public static byte[] invalid() {
        return "this is not a wasm module".getBytes();
    }

    private static byte[] compile(String name, String wat) {
        return CACHE.computeIfAbsent(name, n -> Wat2Wasm.parse(wat)).clone();
    }
}
