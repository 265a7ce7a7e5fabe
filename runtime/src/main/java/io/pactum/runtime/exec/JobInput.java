package io.pactum.runtime.exec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a job sees: its arguments, its environment and its input files.
 *
 * <p>The job's {@code argv[0]} is always {@value #PROGRAM_NAME}; {@code args} follow it. The environment is
 * presented in key order. Files are mounted read-only under {@value #INPUT_DIR}; their keys are relative
 * paths such as {@code "x"} or {@code "data/part-1.csv"} (directories are implied by the paths).
 *
 * @param args arguments after {@code argv[0]}
 * @param env environment variables, kept sorted by name
 * @param files input files by relative path, kept sorted by path
 * @param randomSeed seed of the deterministic stream behind WASI {@code random_get}
 */
public record JobInput(List<String> args, SortedMap<String, String> env, SortedMap<String, byte[]> files, long randomSeed) {

    /** {@code argv[0]} of every job. */
    public static final String PROGRAM_NAME = "job";
    /** Guest path of the read-only input directory. */
    public static final String INPUT_DIR = "/input";

    public JobInput {
        args = List.copyOf(args);
        TreeMap<String, String> envCopy = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.isEmpty() || k.indexOf('=') >= 0 || k.indexOf('\0') >= 0 || v.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable: " + k);
            }
            envCopy.put(k, v);
        });
        env = Collections.unmodifiableSortedMap(envCopy);
        TreeMap<String, byte[]> filesCopy = new TreeMap<>();
        files.forEach((path, bytes) -> filesCopy.put(InputTree.normalize(path), bytes.clone()));
        files = Collections.unmodifiableSortedMap(filesCopy);
        for (String a : args) {
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument contains NUL");
            }
        }
        InputTree.of(files); // rejects a path that is both a file and a directory
    }

    public static JobInput empty() {
        return new JobInput(List.of(), Map.of(), Map.of(), 0);
    }

    public static JobInput ofArgs(String... args) {
        return new JobInput(List.of(args), Map.of(), Map.of(), 0);
    }

    public JobInput(List<String> args, Map<String, String> env, Map<String, byte[]> files, long randomSeed) {
        this(args, new TreeMap<>(env), new TreeMap<>(files), randomSeed);
    }

    public JobInput withFile(String path, byte[] content) {
        TreeMap<String, byte[]> f = new TreeMap<>(files);
        f.put(path, content);
        return new JobInput(args, env, f, randomSeed);
    }

    public JobInput withEnv(String name, String value) {
        TreeMap<String, String> e = new TreeMap<>(env);
        e.put(name, value);
        return new JobInput(args, e, files, randomSeed);
    }
}
