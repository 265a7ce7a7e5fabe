package io.pactum.runtime.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The multipart/form-data subset the Kubo RPC uses: the first part of the body, streamed. */
final class Multipart {

    private Multipart() {}

    /** The boundary of a {@code multipart/form-data} content type, or null when it is not one. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }

    /** The content of the first part; its headers are read and skipped (the file name is kept). */
    static Part firstPart(InputStream body, String boundary) throws IOException {
        String first = readLine(body);
        while (first != null && first.isEmpty()) {
            first = readLine(body);
        }
        if (first == null || !first.equals("--" + boundary)) {
            throw new IOException("multipart body does not start with its boundary");
        }
        String name = "";
        String line;
        while ((line = readLine(body)) != null && !line.isEmpty()) {
            String lower = line.toLowerCase(Locale.ROOT);
            int at = lower.indexOf("filename=\"");
            if (lower.startsWith("content-disposition:") && at >= 0) {
                int end = line.indexOf('"', at + 10);
                name = end > 0 ? line.substring(at + 10, end) : "";
            }
        }
        if (line == null) {
            throw new IOException("multipart part headers are not terminated");
        }
        return new Part(name, new PartStream(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII)));
    }

    record Part(String fileName, InputStream content) {}

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, len, StandardCharsets.UTF_8);
            }
            if (line.size() > 8192) {
                throw new IOException("multipart header line too long");
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Part content up to (not including) the delimiter {@code CRLF--boundary}. */
    private static final class PartStream extends InputStream {
        private final InputStream in;
        private final byte[] delimiter;
        private final byte[] buf;
        private int start;
        private int end;
        private boolean eof;
        private boolean done;

        PartStream(InputStream in, byte[] delimiter) {
            this.in = in;
            this.delimiter = delimiter;
            this.buf = new byte[64 * 1024 + delimiter.length];
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            fill();
            int found = indexOf();
            int available;
            if (found >= 0) {
                if (found == start) {
                    done = true;
                    return -1;
                }
                available = found - start;
            } else {
                if (eof) {
                    throw new IOException("multipart body ends before its closing boundary");
                }
                available = end - start - (delimiter.length - 1); // at least 1 after fill()
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, start, b, off, n);
            start += n;
            return n;
        }

        /** Makes the buffer hold at least a delimiter's length of bytes, unless the body ends first. */
        private void fill() throws IOException {
            if (end - start >= delimiter.length) {
                return;
            }
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
            while (end - start < delimiter.length && !eof) {
                int n = in.read(buf, end, buf.length - end);
                if (n == -1) {
                    eof = true;
                } else {
                    end += n;
                }
            }
        }

        private int indexOf() {
            outer:
            for (int i = start; i + delimiter.length <= end; i++) {
                for (int j = 0; j < delimiter.length; j++) {
                    if (buf[i + j] != delimiter[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
