package io.pactum.runtime.exec;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test modules: WAT sources under src/test/resources/wat, compiled once per JVM with Chicory's wabt. */
public final class WatModules {

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private WatModules() {}

    /** Compiles {@code /wat/<name>.wat}. */
    public static byte[] wasm(String name) {
        return CACHE.computeIfAbsent(name, n -> compile(resource("/wat/" + n + ".wat"))).clone();
    }

    public static byte[] compile(String wat) {
        return Wat2Wasm.parse(wat);
    }

    public static String resource(String path) {
        try (InputStream in = WatModules.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
