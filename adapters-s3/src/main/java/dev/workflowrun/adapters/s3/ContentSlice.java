package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.Content;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes {@code [offset, offset + length)} of a {@link Content}, opened afresh each time so a retried request or
 * a multipart part re-reads from the source instead of from a buffer held in memory.
 */
record ContentSlice(Content content, long offset, long length) {

    /**
     * Opens the slice. Reading past {@code length} ends the stream (a log still being appended to is cut at the
     * size announced); ending early throws, because the store was promised {@code length} bytes.
     */
    InputStream open() throws IOException {
        InputStream in = content.open();
        try {
            in.skipNBytes(offset);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new Limited(in, length);
    }

    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b < 0) {
                throw shortRead();
            }
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw shortRead();
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int readLimit) {
            // not supported: a retry re-opens the slice instead
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset is not supported; re-open the slice");
        }

        private EOFException shortRead() {
            return new EOFException("the content ended " + remaining + " byte(s) before the size it announced");
        }
    }
}
