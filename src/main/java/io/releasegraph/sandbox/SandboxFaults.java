package io.releasegraph.sandbox;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Which sandbox upstreams are told to fail ({@code POST /sandbox/faults}), so anyone can watch stale-if-error work. */
@ApplicationScoped
public class SandboxFaults {

    public enum Upstream {
        TRIFACTA, CRYPTLEX, LAUNCHDARKLY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Upstream> of(String key) {
            for (Upstream upstream : values()) {
                if (upstream.key().equals(key)) {
                    return Optional.of(upstream);
                }
            }
            return Optional.empty();
        }
    }

    public enum Mode {
        /** Answer normally. */
        OK,
        /** Answer 503 to every call. */
        DOWN,
        /** Answer after {@code gateway.sandbox.slow-delay}, longer than the gateway's read timeout. */
        SLOW;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Mode> of(String key) {
            for (Mode mode : values()) {
                if (mode.key().equals(key)) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    private final Map<Upstream, Mode> modes = new EnumMap<>(Upstream.class);

    public synchronized void set(Upstream upstream, Mode mode) {
        modes.put(upstream, mode);
    }

    public synchronized Mode mode(Upstream upstream) {
        return modes.getOrDefault(upstream, Mode.OK);
    }

    /** The mode of the sandbox a request path belongs to ({@code /sandbox/<upstream>/...}). */
    public Mode modeForPath(String path) {
        for (Upstream upstream : Upstream.values()) {
            String root = "/sandbox/" + upstream.key();
            if (path.equals(root) || path.startsWith(root + "/")) {
                return mode(upstream);
            }
        }
        return Mode.OK;
    }

    public synchronized Map<String, String> all() {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        for (Upstream upstream : Upstream.values()) {
            all.put(upstream.key(), mode(upstream).key());
        }
        return all;
    }

    public synchronized void reset() {
        modes.clear();
    }
}
