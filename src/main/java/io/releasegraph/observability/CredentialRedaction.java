package io.releasegraph.observability;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Rewrites every log record a handler writes so that no credential a caller or the gateway sent reaches a log: the
 * value of any {@code Authorization} header, whatever its form ({@code Bearer Bearer <jwt>}, a raw token, Basic),
 * anything after {@code Bearer} or {@code Basic}, and any JWT-shaped text, in the message, its parameters and the
 * messages of the exception chain (token verifiers quote the token they failed to parse). Set on the console, file
 * and syslog handlers in {@code application.properties} ({@code quarkus.log.*.filter}). Never drops a record.
 */
@LoggingFilter(name = CredentialRedaction.NAME)
public final class CredentialRedaction implements Filter {

    public static final String NAME = "credential-redaction";
    static final String REDACTED = "[redacted]";

    /**
     * What a credential looks like: an {@code Authorization} value (quoted: to its closing quote; unquoted: to the end
     * of the line, since schemes such as Digest carry commas and quotes of their own), a scheme's value (repeated
     * schemes included), or a JWT.
     */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)(authorization[\"']?\\s*[:=]\\s*\")(?:[^\"\\\\\\r\\n]|\\\\.)*"
                    + "|(authorization[\"']?\\s*[:=]\\s*')[^'\\r\\n]*"
                    + "|(authorization[\"']?\\s*[:=]\\s*)[^\\s\"'][^\\r\\n]*"
                    + "|\\b((?:bearer|basic|token)(?:\\s+(?:bearer|basic|token)\\b)*\\s+)[A-Za-z0-9._~+/=-]{8,}"
                    + "|eyJ[A-Za-z0-9_-]{4,}(?:\\.[A-Za-z0-9_-]*)*");
    /** Cheap test before the full pattern: most records hold none of these. */
    private static final Pattern HINT = Pattern.compile("(?i)authorization|bearer|basic|token|eyJ");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            String clean = redact(message);
            if (clean != message) {
                ext.setMessage(clean, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else {
            String message = record.getMessage();
            record.setMessage(redact(message));
            Object[] parameters = record.getParameters();
            if (parameters != null) {
                for (int i = 0; i < parameters.length; i++) {
                    if (parameters[i] instanceof CharSequence text) {
                        parameters[i] = redact(text.toString());
                    }
                }
            }
        }
        if (record.getThrown() != null && needsRedaction(record.getThrown())) {
            record.setThrown(RedactedThrowable.of(record.getThrown()));
        }
        return true;
    }

    /** The text with every credential replaced; the same instance when there was none. */
    public static String redact(String text) {
        if (text == null || !HINT.matcher(text).find()) {
            return text;
        }
        Matcher matcher = CREDENTIAL.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String kept = "";
            for (int group = 1; group <= 4 && kept.isEmpty(); group++) {
                kept = matcher.group(group) == null ? "" : matcher.group(group);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(kept + REDACTED));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean needsRedaction(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (redact(t.getMessage()) != t.getMessage()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy of an exception chain with redacted messages, printed like the original (class name, message, the same
     * stack trace and causes), since the original's message cannot be changed.
     */
    static final class RedactedThrowable extends Throwable {

        private static final long serialVersionUID = 1L;
        private final String originalClass;

        private RedactedThrowable(Throwable original, Throwable cause) {
            super(redact(original.getMessage()), cause, false, true);
            this.originalClass = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        static Throwable of(Throwable original) {
            return copy(original, 0);
        }

        private static Throwable copy(Throwable original, int depth) {
            Throwable cause = original.getCause();
            Throwable copiedCause = cause == null || cause == original || depth > 20 ? null : copy(cause, depth + 1);
            return new RedactedThrowable(original, copiedCause);
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
