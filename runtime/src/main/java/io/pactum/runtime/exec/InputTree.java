package io.pactum.runtime.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The read-only directory tree mounted under {@code /input}: built from relative paths, children kept in
 * {@link String} order of their names, inode numbers given in depth-first order. Nothing in it depends on the host.
 */
final class InputTree {

    /** A file or a directory. Directories have {@code children}; files have {@code content}. */
    static final class Node {
        final String name;
        final Node parent;
        final long inode;
        final byte[] content;
        final SortedMap<String, Node> children;

        private Node(String name, Node parent, long inode, byte[] content, SortedMap<String, Node> children) {
            this.name = name;
            this.parent = parent;
            this.inode = inode;
            this.content = content;
            this.children = children;
        }

        boolean isDirectory() {
            return children != null;
        }

        /** Directory entries in a fixed order: ".", "..", then children by name. */
        List<Map.Entry<String, Node>> entries() {
            List<Map.Entry<String, Node>> list = new ArrayList<>(children.size() + 2);
            list.add(Map.entry(".", this));
            list.add(Map.entry("..", parent == null ? this : parent));
            list.addAll(children.entrySet());
            return list;
        }
    }

    private final Node root;

    private InputTree(Node root) {
        this.root = root;
    }

    Node root() {
        return root;
    }

    /** Normalises a relative input path ("a//b/" → "a/b"); rejects absolute paths, "." and ".." parts and NUL. */
    static String normalize(String path) {
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("input path must be relative: " + path);
        }
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals(".") || p.equals("..") || p.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid input path: " + path);
            }
            parts.add(p);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty input path");
        }
        return String.join("/", parts);
    }

    static InputTree of(SortedMap<String, byte[]> files) {
        // First a plain nested map, then nodes with inodes assigned in depth-first name order.
        TreeMap<String, Object> top = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String[] parts = e.getKey().split("/");
            TreeMap<String, Object> dir = top;
            for (int i = 0; i < parts.length - 1; i++) {
                Object sub = dir.computeIfAbsent(parts[i], k -> new TreeMap<String, Object>());
                if (!(sub instanceof TreeMap)) {
                    throw new IllegalArgumentException("input path is both a file and a directory: " + e.getKey());
                }
                @SuppressWarnings("unchecked")
                TreeMap<String, Object> next = (TreeMap<String, Object>) sub;
                dir = next;
            }
            if (dir.putIfAbsent(parts[parts.length - 1], e.getValue()) != null) {
                throw new IllegalArgumentException("input path is both a file and a directory: " + e.getKey());
            }
        }
        long[] nextInode = {1};
        return new InputTree(build("", null, top, nextInode));
    }

    private static Node build(String name, Node parent, TreeMap<String, Object> dir, long[] nextInode) {
        TreeMap<String, Node> children = new TreeMap<>();
        Node node = new Node(name, parent, nextInode[0]++, null, children);
        for (Map.Entry<String, Object> e : dir.entrySet()) {
            if (e.getValue() instanceof byte[] bytes) {
                children.put(e.getKey(), new Node(e.getKey(), node, nextInode[0]++, bytes, null));
            } else {
                @SuppressWarnings("unchecked")
                TreeMap<String, Object> sub = (TreeMap<String, Object>) e.getValue();
                children.put(e.getKey(), build(e.getKey(), node, sub, nextInode));
            }
        }
        return node;
    }
}
