package com.envoyx.invoice.processing.service;

import java.io.IOException;

import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * The document's bytes for PDFBox, checking the {@link Deadline} on every block read and every
 * 4096th single-byte read (the parser reads byte by byte; a clock read on each would cost more
 * than the parse).
 */
final class GuardedRead implements RandomAccessRead {

    private static final int SINGLE_READS_PER_CHECK_MASK = 0xFFF;

    private final RandomAccessRead source;
    private final Deadline deadline;
    private int singleReads;

    GuardedRead(RandomAccessRead source, Deadline deadline) {
        this.source = source;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        if ((++singleReads & SINGLE_READS_PER_CHECK_MASK) == 0) {
            deadline.check();
        }
        return source.read();
    }

    @Override
    public int read(byte[] b, int offset, int length) throws IOException {
        deadline.check();
        return source.read(b, offset, length);
    }

    @Override
    public long getPosition() throws IOException {
        return source.getPosition();
    }

    @Override
    public void seek(long position) throws IOException {
        source.seek(position);
    }

    @Override
    public long length() throws IOException {
        return source.length();
    }

    @Override
    public boolean isClosed() {
        return source.isClosed();
    }

    @Override
    public boolean isEOF() throws IOException {
        return source.isEOF();
    }

    /** Views (stream contents) read through this object, so they are guarded too. */
    @Override
    public RandomAccessReadView createView(long startPosition, long streamLength) {
        return new RandomAccessReadView(this, startPosition, streamLength);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
