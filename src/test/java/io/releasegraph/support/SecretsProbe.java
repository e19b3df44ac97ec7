package io.releasegraph.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures every log record of the running application (root logger, any level that is logged) and every response
 * body a test saw, so that a test can assert that no secret reached either.
 */
public final class SecretsProbe extends Handler {

    private final StringBuilder captured = new StringBuilder();

    public static SecretsProbe install() {
        SecretsProbe probe = new SecretsProbe();
        Logger.getLogger("").addHandler(probe);
        return probe;
    }

    public void uninstall() {
        Logger.getLogger("").removeHandler(this);
    }

    /** Adds a response body (or anything else a caller would see) to what is checked. */
    public synchronized void saw(String text) {
        captured.append(text).append('\n');
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        captured.append(record.getLoggerName()).append(' ').append(message).append('\n');
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            captured.append(trace).append('\n');
        }
    }

    /** Those of the given texts (secrets, or a line expected in the logs) that appear in what was captured. */
    public synchronized List<String> leaked(List<String> secrets) {
        String all = captured.toString();
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            if (all.contains(secret)) {
                found.add(secret);
            }
        }
        return found;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
