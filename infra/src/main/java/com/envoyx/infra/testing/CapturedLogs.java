package com.envoyx.infra.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log record of the application while installed (message, parameters, stack traces) as
 * text, for tests that prove something never reaches the log (a key, a query string).
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    private final StringBuffer text = new StringBuffer();
    private final Logger root = Logger.getLogger("");

    public CapturedLogs() {
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        text.append(record.getLoggerName()).append(' ').append(message).append('\n');
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(parameter).append('\n');
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append(trace).append('\n');
        }
    }

    public String text() {
        return text.toString();
    }

    @Override
    public void flush() {
        // Records are kept in memory only.
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
