package io.releasegraph.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

/**
 * Whether the built-in sandbox is on: its simulated upstreams under {@code /sandbox}, its demo caller tokens and its
 * webhook secret. {@code gateway.sandbox.enabled} decides when set; unset, the sandbox is on only while no upstream
 * is configured, so an operator who sets a real URL or credential and forgets the switch gets it off.
 */
@Singleton
public class SandboxSwitch {

    private static final String REST_CLIENT = "quarkus.rest-client.";
    private static final List<String> CREDENTIALS = List.of("token", "username", "password");

    private final boolean on;

    SandboxSwitch(GatewayConfig gateway, Config config) {
        this.on = decide(gateway.sandbox().enabled(), realUpstreams(config), configuredCredentials(config));
    }

    public boolean on() {
        return on;
    }

    /** The explicit switch, or on exactly when no upstream URL and no upstream credential is configured. */
    static boolean decide(Optional<Boolean> explicit, List<String> realUpstreams, List<String> credentials) {
        return explicit.orElse(realUpstreams.isEmpty() && credentials.isEmpty());
    }

    /**
     * The upstreams whose {@code quarkus.rest-client.<key>.url} is not a built-in sandbox ({@code .../sandbox/<key>},
     * on this server or another replica's).
     */
    public static List<String> realUpstreams(Config config) {
        List<String> real = new ArrayList<>();
        for (String key : upstreamKeys(config)) {
            config.getOptionalValue(REST_CLIENT + key + ".url", String.class)
                    .filter(url -> !url.isBlank() && !url.contains("/sandbox/" + key))
                    .ifPresent(url -> real.add(key));
        }
        Collections.sort(real);
        return real;
    }

    /**
     * The {@code gateway.<key>.token|username|password} set for an upstream to anything but the sandbox's own
     * credential ({@code sandbox-<key>-token}); names only, never values.
     */
    static List<String> configuredCredentials(Config config) {
        List<String> configured = new ArrayList<>();
        for (String key : upstreamKeys(config)) {
            for (String credential : CREDENTIALS) {
                String name = "gateway." + key + "." + credential;
                config.getOptionalValue(name, String.class)
                        .filter(value -> !value.isBlank() && !value.equals("sandbox-" + key + "-token"))
                        .ifPresent(value -> configured.add(name));
            }
        }
        Collections.sort(configured);
        return configured;
    }

    /** The config keys of the REST clients ({@code trifacta}, ...); Quarkus also lists each under its class name. */
    private static List<String> upstreamKeys(Config config) {
        List<String> keys = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(REST_CLIENT) && name.endsWith(".url")) {
                String key = name.substring(REST_CLIENT.length(), name.length() - ".url".length());
                if (key.matches("[a-z0-9-]+") && !keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }
}
