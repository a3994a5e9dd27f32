package dev.jpamigrate.maven;

import java.io.Writer;
import java.util.function.Consumer;

/** A writer that hands each complete line to a consumer (the Maven log), and what is left of a line on close. */
final class Lines extends Writer {
    private final Consumer<String> sink;
    private final StringBuilder line = new StringBuilder();

    Lines(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(char[] chars, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = chars[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    private void emit() {
        sink.accept(line.toString());
        line.setLength(0);
    }

    /** A partial line stays until its end arrives: a flush mid-line must not split it in two log entries. */
    @Override
    public void flush() {
    }

    @Override
    public synchronized void close() {
        if (!line.isEmpty()) {
            emit();
        }
    }
}
