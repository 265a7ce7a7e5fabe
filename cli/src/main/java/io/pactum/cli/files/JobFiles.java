package io.pactum.cli.files;

import io.pactum.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Checks of the files a job names, before anything is uploaded or signed: each exists, is a
 * readable regular file and is within the size bounds; the module starts with the WASM magic and
 * version 1. Every failure is a usage error (exit 2) naming the file.
 */
public final class JobFiles {
    /** Largest module accepted (the engine's limit on module size is of this order). */
    public static final long MAX_MODULE_BYTES = 64L * 1024 * 1024;
    /** Largest single input file. */
    public static final long MAX_INPUT_BYTES = 256L * 1024 * 1024;
    /** Largest sum of all inputs. */
    public static final long MAX_TOTAL_INPUT_BYTES = 1024L * 1024 * 1024;
    /** Most input files. */
    public static final int MAX_INPUTS = 64;

    private static final byte[] WASM_HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private JobFiles() {}

    /** Validates the module and the inputs; returns normally or throws a usage error. */
    public static void validate(Path module, List<Path> inputs) {
        checkFile(module, "module", MAX_MODULE_BYTES);
        checkWasm(module);
        if (inputs.size() > MAX_INPUTS) {
            throw CliException.usage("too many inputs: " + inputs.size() + " (at most " + MAX_INPUTS + ")");
        }
        long total = 0;
        for (Path input : inputs) {
            total += checkFile(input, "input", MAX_INPUT_BYTES);
        }
        if (total > MAX_TOTAL_INPUT_BYTES) {
            throw CliException.usage("inputs total " + total + " bytes, more than " + MAX_TOTAL_INPUT_BYTES);
        }
        long distinctNames = inputs.stream().map(p -> p.getFileName().toString()).distinct().count();
        if (distinctNames != inputs.size()) {
            throw CliException.usage("two inputs have the same file name; the job sees inputs by name");
        }
    }

    /** The size of a readable regular file within {@code maxBytes}. */
    static long checkFile(Path file, String role, long maxBytes) {
        if (!Files.exists(file)) {
            throw CliException.usage(role + " file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw CliException.usage(role + " is not a regular file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw CliException.usage(role + " file is not readable: " + file);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw CliException.usage("cannot read " + role + " file " + file + ": " + e.getMessage());
        }
        if (size > maxBytes) {
            throw CliException.usage(role + " file " + file + " has " + size + " bytes, more than the limit of " + maxBytes);
        }
        if ("module".equals(role) && size == 0) {
            throw CliException.usage("module file is empty: " + file);
        }
        return size;
    }

    static void checkWasm(Path module) {
        byte[] header = new byte[WASM_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(module)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw CliException.usage("cannot read module " + module + ": " + e.getMessage());
        }
        if (read < 4 || !Arrays.equals(header, 0, 4, WASM_HEADER, 0, 4)) {
            throw CliException.usage("module " + module + " is not a WebAssembly binary (no \\0asm magic)");
        }
        if (read < 8 || !Arrays.equals(header, 4, 8, WASM_HEADER, 4, 8)) {
            throw CliException.usage("module " + module + " is not WebAssembly version 1");
        }
    }
}
