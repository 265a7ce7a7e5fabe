package io.pactum.runtime.exec;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small WASI preview 1 ({@code wasi_snapshot_preview1}) whose every answer is a function of the job's
 * input: arguments, sorted environment, a read-only in-memory {@code /input}, stdout and stderr into
 * bounded buffers, stdin empty, all clocks at 0 (epoch 0), {@code random_get} from a seeded stream, no
 * sockets, no writable file system.
 *
 * <p>Why not Chicory's {@code WasiPreview1}: it maps files onto a {@code java.nio} file system, whose
 * timestamps, inode numbers and directory order come from the host. A mediator's re-run must give the same
 * bytes, so this one keeps nothing of the host. Functions the job imports but this class does not
 * implement answer {@code ENOSYS}.
 */
final class DeterministicWasi {

    static final String MODULE = "wasi_snapshot_preview1";

    // errno values of WASI preview 1
    static final int SUCCESS = 0;
    static final int EBADF = 8;
    static final int EEXIST = 20;
    static final int EINVAL = 28;
    static final int EISDIR = 31;
    static final int ENAMETOOLONG = 37;
    static final int ENOENT = 44;
    static final int ENOSYS = 52;
    static final int ENOTDIR = 54;
    static final int EROFS = 69;
    static final int ESPIPE = 70;
    static final int ENOTCAPABLE = 76;

    // file types
    private static final int FILETYPE_CHARACTER_DEVICE = 2;
    private static final int FILETYPE_DIRECTORY = 3;
    private static final int FILETYPE_REGULAR_FILE = 4;

    // rights bits
    private static final long RIGHT_FD_READ = 1L << 1;
    private static final long RIGHT_FD_SEEK = 1L << 2;
    private static final long RIGHT_FD_TELL = 1L << 5;
    private static final long RIGHT_FD_WRITE = 1L << 6;
    private static final long RIGHT_PATH_OPEN = 1L << 13;
    private static final long RIGHT_FD_READDIR = 1L << 14;
    private static final long RIGHT_PATH_FILESTAT_GET = 1L << 18;
    private static final long RIGHT_FD_FILESTAT_GET = 1L << 21;
    private static final long RIGHT_POLL_FD_READWRITE = 1L << 27;
    private static final long FILE_RIGHTS =
            RIGHT_FD_READ | RIGHT_FD_SEEK | RIGHT_FD_TELL | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;
    private static final long DIR_RIGHTS = RIGHT_PATH_OPEN | RIGHT_FD_READDIR | RIGHT_PATH_FILESTAT_GET | RIGHT_FD_FILESTAT_GET;

    // open flags
    private static final int OFLAG_CREAT = 1;
    private static final int OFLAG_DIRECTORY = 2;
    private static final int OFLAG_EXCL = 4;
    private static final int OFLAG_TRUNC = 8;
    private static final int FDFLAG_APPEND = 1;

    private static final int PREOPEN_FD = 3;
    private static final byte[] PREOPEN_NAME = JobInput.INPUT_DIR.getBytes(StandardCharsets.UTF_8);

    private enum Kind { STDIN, STDOUT, STDERR, FILE, DIR }

    private static final class OpenFd {
        final Kind kind;
        final InputTree.Node node;
        final boolean preopen;
        long position;

        OpenFd(Kind kind, InputTree.Node node, boolean preopen) {
            this.kind = kind;
            this.node = node;
            this.preopen = preopen;
        }
    }

    /** A WASI errno raised inside a host function, turned into its return value. */
    private static final class Errno extends RuntimeException {
        final int code;

        Errno(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    @FunctionalInterface
    private interface Impl {
        /** Returns the errno; {@link Errno} may be thrown instead. */
        int call(Memory memory, long[] args);
    }

    private record Fn(FunctionType type, Impl impl) {}

    private final List<byte[]> argv = new ArrayList<>();
    private final List<byte[]> environ = new ArrayList<>();
    private final InputTree tree;
    private final BoundedOutput stdout;
    private final BoundedOutput stderr;
    private final DeterministicRandom random;
    private final TreeMap<Integer, OpenFd> fds = new TreeMap<>();
    private final Map<String, Fn> functions = new HashMap<>();

    DeterministicWasi(JobInput input, BoundedOutput stdout, BoundedOutput stderr) {
        argv.add(JobInput.PROGRAM_NAME.getBytes(StandardCharsets.UTF_8));
        input.args().forEach(a -> argv.add(a.getBytes(StandardCharsets.UTF_8)));
        input.env().forEach((k, v) -> environ.add((k + "=" + v).getBytes(StandardCharsets.UTF_8)));
        this.tree = InputTree.of(input.files());
        this.stdout = stdout;
        this.stderr = stderr;
        this.random = new DeterministicRandom(input.randomSeed());
        fds.put(0, new OpenFd(Kind.STDIN, null, false));
        fds.put(1, new OpenFd(Kind.STDOUT, null, false));
        fds.put(2, new OpenFd(Kind.STDERR, null, false));
        fds.put(PREOPEN_FD, new OpenFd(Kind.DIR, tree.root(), true));
        register();
    }

    /**
     * Host functions for the module's imports.
     *
     * @throws IllegalArgumentException when the module imports something other than WASI functions, or a
     *     WASI function with a wrong signature (the module is then invalid for this engine)
     */
    List<HostFunction> hostFunctionsFor(WasmModule module) {
        List<HostFunction> result = new ArrayList<>();
        int count = module.importSection().importCount();
        for (int i = 0; i < count; i++) {
            Import imp = module.importSection().getImport(i);
            if (!(imp instanceof FunctionImport fi) || !MODULE.equals(imp.module())) {
                throw new IllegalArgumentException("unsupported import " + imp.module() + "." + imp.name());
            }
            FunctionType declared = module.typeSection().getType(fi.typeIndex());
            Fn fn = functions.get(imp.name());
            if (fn == null) {
                if (!declared.returns().equals(List.of(ValType.I32))) {
                    throw new IllegalArgumentException("unsupported import " + MODULE + "." + imp.name());
                }
                fn = new Fn(declared, (m, a) -> ENOSYS);
            } else if (!fn.type().equals(declared)) {
                throw new IllegalArgumentException("import " + MODULE + "." + imp.name() + " has type " + declared
                        + ", expected " + fn.type());
            }
            Impl impl = fn.impl();
            boolean returnsErrno = !fn.type().returns().isEmpty();
            result.add(new HostFunction(MODULE, imp.name(), fn.type(), (Instance instance, long... args) -> {
                int errno;
                try {
                    errno = impl.call(instance.memory(), args);
                } catch (Errno e) {
                    errno = e.code;
                }
                return returnsErrno ? new long[] {errno} : null;
            }));
        }
        return result;
    }

    private void def(String name, ValType[] params, boolean returnsErrno, Impl impl) {
        functions.put(name, new Fn(FunctionType.of(params, returnsErrno ? new ValType[] {ValType.I32} : new ValType[0]), impl));
    }

    private static ValType[] p(ValType... types) {
        return types;
    }

    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;

    private void register() {
        def("args_sizes_get", p(I32, I32), true, (m, a) -> sizes(m, argv, a));
        def("args_get", p(I32, I32), true, (m, a) -> strings(m, argv, a));
        def("environ_sizes_get", p(I32, I32), true, (m, a) -> sizes(m, environ, a));
        def("environ_get", p(I32, I32), true, (m, a) -> strings(m, environ, a));
        def("clock_res_get", p(I32, I32), true, (m, a) -> {
            checkClock(a[0]);
            m.writeLong(ptr(a[1]), 1L);
            return SUCCESS;
        });
        def("clock_time_get", p(I32, I64, I32), true, (m, a) -> {
            checkClock(a[0]);
            m.writeLong(ptr(a[2]), 0L);
            return SUCCESS;
        });
        def("random_get", p(I32, I32), true, (m, a) -> {
            byte[] bytes = new byte[checkedLength(m, a[0], a[1])];
            random.nextBytes(bytes);
            m.write(ptr(a[0]), bytes);
            return SUCCESS;
        });
        def("proc_exit", p(I32), false, (m, a) -> {
            throw JobStop.exit((int) a[0]);
        });
        def("sched_yield", p(), true, (m, a) -> SUCCESS);
        def("fd_write", p(I32, I32, I32, I32), true, this::fdWrite);
        def("fd_read", p(I32, I32, I32, I32), true, (m, a) -> fdRead(m, a, -1));
        def("fd_pread", p(I32, I32, I32, I64, I32), true, (m, a) -> fdRead(m, new long[] {a[0], a[1], a[2], a[4]}, a[3]));
        def("fd_seek", p(I32, I64, I32, I32), true, this::fdSeek);
        def("fd_tell", p(I32, I32), true, (m, a) -> {
            OpenFd fd = file(a[0]);
            m.writeLong(ptr(a[1]), fd.position);
            return SUCCESS;
        });
        def("fd_close", p(I32), true, (m, a) -> {
            fd(a[0]);
            fds.remove((int) a[0]);
            return SUCCESS;
        });
        def("fd_fdstat_get", p(I32, I32), true, this::fdFdstatGet);
        def("fd_fdstat_set_flags", p(I32, I32), true, (m, a) -> {
            fd(a[0]);
            return a[1] == 0 ? SUCCESS : ENOSYS;
        });
        def("fd_filestat_get", p(I32, I32), true, (m, a) -> {
            OpenFd fd = fd(a[0]);
            writeFilestat(m, ptr(a[1]), fd.node, fd.kind);
            return SUCCESS;
        });
        def("fd_prestat_get", p(I32, I32), true, (m, a) -> {
            OpenFd fd = fds.get((int) a[0]);
            if (fd == null || !fd.preopen) {
                return EBADF;
            }
            m.writeByte(ptr(a[1]), (byte) 0);
            m.writeI32(ptr(a[1]) + 4, PREOPEN_NAME.length);
            return SUCCESS;
        });
        def("fd_prestat_dir_name", p(I32, I32, I32), true, (m, a) -> {
            OpenFd fd = fds.get((int) a[0]);
            if (fd == null || !fd.preopen) {
                return EBADF;
            }
            if (a[2] < PREOPEN_NAME.length) {
                return ENAMETOOLONG;
            }
            m.write(ptr(a[1]), PREOPEN_NAME);
            return SUCCESS;
        });
        def("fd_readdir", p(I32, I32, I32, I64, I32), true, this::fdReaddir);
        def("fd_sync", p(I32), true, (m, a) -> {
            fd(a[0]);
            return SUCCESS;
        });
        def("fd_datasync", p(I32), true, (m, a) -> {
            fd(a[0]);
            return SUCCESS;
        });
        def("fd_advise", p(I32, I64, I64, I32), true, (m, a) -> {
            file(a[0]);
            return SUCCESS;
        });
        def("fd_pwrite", p(I32, I32, I32, I64, I32), true, (m, a) -> {
            OpenFd fd = fd(a[0]);
            return fd.kind == Kind.FILE || fd.kind == Kind.DIR ? EBADF : ESPIPE;
        });
        def("fd_allocate", p(I32, I64, I64), true, (m, a) -> readOnly(a[0]));
        def("fd_filestat_set_size", p(I32, I64), true, (m, a) -> readOnly(a[0]));
        def("fd_filestat_set_times", p(I32, I64, I64, I32), true, (m, a) -> readOnly(a[0]));
        def("path_open", p(I32, I32, I32, I32, I32, I64, I64, I32, I32), true, this::pathOpen);
        def("path_filestat_get", p(I32, I32, I32, I32, I32), true, (m, a) -> {
            InputTree.Node node = resolve(m, a[0], a[2], a[3]);
            writeFilestat(m, ptr(a[4]), node, node.isDirectory() ? Kind.DIR : Kind.FILE);
            return SUCCESS;
        });
        def("path_readlink", p(I32, I32, I32, I32, I32, I32), true, (m, a) -> {
            resolve(m, a[0], a[1], a[2]);
            return EINVAL; // nothing here is a symbolic link
        });
        def("path_create_directory", p(I32, I32, I32), true, (m, a) -> readOnly(a[0]));
        def("path_remove_directory", p(I32, I32, I32), true, (m, a) -> readOnly(a[0]));
        def("path_unlink_file", p(I32, I32, I32), true, (m, a) -> readOnly(a[0]));
        def("path_filestat_set_times", p(I32, I32, I32, I32, I64, I64, I32), true, (m, a) -> readOnly(a[0]));
        def("path_rename", p(I32, I32, I32, I32, I32, I32), true, (m, a) -> readOnly(a[0]));
        def("path_symlink", p(I32, I32, I32, I32, I32), true, (m, a) -> readOnly(a[2]));
        def("path_link", p(I32, I32, I32, I32, I32, I32, I32), true, (m, a) -> readOnly(a[0]));
    }

    // ---- helpers

    private static int ptr(long value) {
        return (int) value;
    }

    private static int checkedLength(Memory m, long ptr, long len) {
        long p = ptr & 0xFFFFFFFFL;
        long l = len & 0xFFFFFFFFL;
        if (p + l > (long) m.pages() * Memory.PAGE_SIZE) {
            throw JobStop.trap("out of bounds memory access");
        }
        return (int) l;
    }

    private static void checkClock(long id) {
        if (id < 0 || id > 3) {
            throw new Errno(EINVAL);
        }
    }

    private OpenFd fd(long fd) {
        OpenFd open = fds.get((int) fd);
        if (open == null) {
            throw new Errno(EBADF);
        }
        return open;
    }

    private OpenFd file(long fd) {
        OpenFd open = fd(fd);
        if (open.kind == Kind.DIR) {
            throw new Errno(EBADF);
        }
        if (open.kind != Kind.FILE) {
            throw new Errno(ESPIPE);
        }
        return open;
    }

    private int readOnly(long fd) {
        OpenFd open = fd(fd);
        return open.kind == Kind.DIR || open.kind == Kind.FILE ? EROFS : EBADF;
    }

    private static int sizes(Memory m, List<byte[]> strings, long[] a) {
        int total = 0;
        for (byte[] s : strings) {
            total += s.length + 1;
        }
        m.writeI32(ptr(a[0]), strings.size());
        m.writeI32(ptr(a[1]), total);
        return SUCCESS;
    }

    private static int strings(Memory m, List<byte[]> strings, long[] a) {
        int pointers = ptr(a[0]);
        int buf = ptr(a[1]);
        for (byte[] s : strings) {
            m.writeI32(pointers, buf);
            pointers += 4;
            m.write(buf, s);
            m.writeByte(buf + s.length, (byte) 0);
            buf += s.length + 1;
        }
        return SUCCESS;
    }

    private int fdWrite(Memory m, long[] a) {
        OpenFd fd = fd(a[0]);
        BoundedOutput out = switch (fd.kind) {
            case STDOUT -> stdout;
            case STDERR -> stderr;
            default -> throw new Errno(EBADF);
        };
        int iovs = ptr(a[1]);
        int count = ptr(a[2]);
        long written = 0;
        for (int i = 0; i < count; i++) {
            int buf = m.readInt(iovs + i * 8);
            int len = m.readInt(iovs + i * 8 + 4);
            byte[] bytes = m.readBytes(buf, checkedLength(m, buf, len));
            out.write(bytes, 0, bytes.length);
            written += bytes.length;
        }
        m.writeI32(ptr(a[3]), (int) written);
        return SUCCESS;
    }

    /** fd_read when {@code offset < 0}, fd_pread otherwise; {@code a} = fd, iovs, iovs_len, nread pointer. */
    private int fdRead(Memory m, long[] a, long offset) {
        OpenFd fd = fd(a[0]);
        if (fd.kind == Kind.STDIN) {
            if (offset >= 0) {
                return ESPIPE;
            }
            m.writeI32(ptr(a[3]), 0);
            return SUCCESS;
        }
        if (fd.kind == Kind.DIR) {
            return EISDIR;
        }
        if (fd.kind != Kind.FILE) {
            return EBADF;
        }
        byte[] content = fd.node.content;
        long pos = offset >= 0 ? offset : fd.position;
        int iovs = ptr(a[1]);
        int count = ptr(a[2]);
        long read = 0;
        for (int i = 0; i < count && pos < content.length; i++) {
            int buf = m.readInt(iovs + i * 8);
            int len = checkedLength(m, buf, m.readInt(iovs + i * 8 + 4));
            int n = (int) Math.min(len, content.length - pos);
            m.write(buf, content, (int) pos, n);
            pos += n;
            read += n;
        }
        if (offset < 0) {
            fd.position = pos;
        }
        m.writeI32(ptr(a[3]), (int) read);
        return SUCCESS;
    }

    private int fdSeek(Memory m, long[] a) {
        OpenFd fd = file(a[0]);
        long base = switch ((int) a[2]) {
            case 0 -> 0;
            case 1 -> fd.position;
            case 2 -> fd.node.content.length;
            default -> throw new Errno(EINVAL);
        };
        long target = base + a[1];
        if (target < 0) {
            return EINVAL;
        }
        fd.position = target;
        m.writeLong(ptr(a[3]), target);
        return SUCCESS;
    }

    private int fdFdstatGet(Memory m, long[] a) {
        OpenFd fd = fd(a[0]);
        int at = ptr(a[1]);
        int type;
        long base;
        long inheriting = 0;
        switch (fd.kind) {
            case STDIN -> {
                type = FILETYPE_CHARACTER_DEVICE;
                base = RIGHT_FD_READ | RIGHT_POLL_FD_READWRITE;
            }
            case STDOUT, STDERR -> {
                type = FILETYPE_CHARACTER_DEVICE;
                base = RIGHT_FD_WRITE | RIGHT_POLL_FD_READWRITE;
            }
            case FILE -> {
                type = FILETYPE_REGULAR_FILE;
                base = FILE_RIGHTS;
            }
            default -> {
                type = FILETYPE_DIRECTORY;
                base = DIR_RIGHTS;
                inheriting = DIR_RIGHTS | FILE_RIGHTS;
            }
        }
        m.writeByte(at, (byte) type);
        m.writeShort(at + 2, (short) 0);
        m.writeLong(at + 8, base);
        m.writeLong(at + 16, inheriting);
        return SUCCESS;
    }

    private static void writeFilestat(Memory m, int at, InputTree.Node node, Kind kind) {
        int type = switch (kind) {
            case FILE -> FILETYPE_REGULAR_FILE;
            case DIR -> FILETYPE_DIRECTORY;
            default -> FILETYPE_CHARACTER_DEVICE;
        };
        m.writeLong(at, 0L); // dev
        m.writeLong(at + 8, node == null ? 0L : node.inode);
        m.writeLong(at + 16, type);
        m.writeLong(at + 24, 1L); // nlink
        m.writeLong(at + 32, node == null || node.content == null ? 0L : node.content.length);
        m.writeLong(at + 40, 0L); // atim
        m.writeLong(at + 48, 0L); // mtim
        m.writeLong(at + 56, 0L); // ctim
    }

    private int fdReaddir(Memory m, long[] a) {
        OpenFd fd = fd(a[0]);
        if (fd.kind != Kind.DIR) {
            return ENOTDIR;
        }
        int buf = ptr(a[1]);
        int bufLen = checkedLength(m, a[1], a[2]);
        long cookie = a[3];
        List<Map.Entry<String, InputTree.Node>> entries = fd.node.entries();
        byte[] out = new byte[bufLen];
        int used = 0;
        for (long i = Math.max(cookie, 0); i < entries.size() && used < bufLen; i++) {
            Map.Entry<String, InputTree.Node> e = entries.get((int) i);
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] dirent = new byte[24 + name.length];
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(dirent).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            bb.putLong(0, i + 1);
            bb.putLong(8, e.getValue().inode);
            bb.putInt(16, name.length);
            dirent[20] = (byte) (e.getValue().isDirectory() ? FILETYPE_DIRECTORY : FILETYPE_REGULAR_FILE);
            System.arraycopy(name, 0, dirent, 24, name.length);
            int n = Math.min(dirent.length, bufLen - used); // the last entry may be cut: the caller retries with a bigger buffer
            System.arraycopy(dirent, 0, out, used, n);
            used += n;
        }
        m.write(buf, out, 0, used);
        m.writeI32(ptr(a[4]), used);
        return SUCCESS;
    }

    private int pathOpen(Memory m, long[] a) {
        int oflags = (int) a[4];
        long rightsBase = a[5];
        int fdflags = (int) a[7];
        InputTree.Node node;
        try {
            node = resolve(m, a[0], a[2], a[3]);
        } catch (Errno e) {
            if (e.code == ENOENT && (oflags & OFLAG_CREAT) != 0) {
                return EROFS;
            }
            throw e;
        }
        if ((oflags & OFLAG_EXCL) != 0 && (oflags & OFLAG_CREAT) != 0) {
            return EEXIST;
        }
        if ((oflags & OFLAG_DIRECTORY) != 0 && !node.isDirectory()) {
            return ENOTDIR;
        }
        if ((oflags & (OFLAG_CREAT | OFLAG_TRUNC)) != 0 || (rightsBase & RIGHT_FD_WRITE) != 0
                || (fdflags & FDFLAG_APPEND) != 0) {
            return node.isDirectory() ? EISDIR : EROFS;
        }
        int next = 0;
        while (fds.containsKey(next)) {
            next++;
        }
        fds.put(next, new OpenFd(node.isDirectory() ? Kind.DIR : Kind.FILE, node, false));
        m.writeI32(ptr(a[8]), next);
        return SUCCESS;
    }

    /** Resolves {@code path} (a guest string) against a directory fd, never above the /input root. */
    private InputTree.Node resolve(Memory m, long dirFd, long pathPtr, long pathLen) {
        OpenFd dir = fd(dirFd);
        if (dir.kind != Kind.DIR) {
            throw new Errno(ENOTDIR);
        }
        String path = new String(m.readBytes(ptr(pathPtr), checkedLength(m, pathPtr, pathLen)), StandardCharsets.UTF_8);
        if (path.isEmpty()) {
            throw new Errno(ENOENT);
        }
        if (path.startsWith("/")) {
            throw new Errno(ENOTCAPABLE);
        }
        InputTree.Node cur = dir.node;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!cur.isDirectory()) {
                throw new Errno(ENOTDIR);
            }
            if (part.equals("..")) {
                if (cur.parent == null) {
                    throw new Errno(ENOTCAPABLE);
                }
                cur = cur.parent;
                continue;
            }
            InputTree.Node child = cur.children.get(part);
            if (child == null) {
                throw new Errno(ENOENT);
            }
            cur = child;
        }
        if (path.endsWith("/") && !cur.isDirectory()) {
            throw new Errno(ENOTDIR);
        }
        return cur;
    }
}
