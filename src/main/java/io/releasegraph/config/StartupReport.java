package io.releasegraph.config;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.releasegraph.provider.ReleaseProvider;
import io.releasegraph.support.Datasources;

/**
 * Says at start-up, in plain words, where the gateway keeps its data and which upstreams it talks to, so
 * nobody mistakes the sandbox for production (or the other way round). Prints URLs, never credentials.
 */
@Singleton
public class StartupReport {

    private final Config config;
    private final SandboxSwitch sandbox;
    private final List<ReleaseProvider> providers;

    StartupReport(Config config, SandboxSwitch sandbox, @All List<ReleaseProvider> providers) {
        this.config = config;
        this.sandbox = sandbox;
        this.providers = providers;
    }

    void report(@Observes StartupEvent event) {
        Log.info(text());
    }

    /** What the start-up log says: the store, the sandbox and where each registered upstream is. */
    public String text() {
        boolean postgresql = Datasources.postgresqlActive();
        String urlKey = postgresql ? "quarkus.datasource." + Datasources.POSTGRESQL + ".jdbc.url" : "quarkus.datasource.jdbc.url";
        String jdbc = config.getOptionalValue(urlKey, String.class).orElse("(none)");
        String store = (postgresql ? "PostgreSQL (" : "embedded H2 (") + withoutParameters(jdbc) + ")";
        StringBuilder upstreams = new StringBuilder();
        for (ReleaseProvider provider : providers) {
            provider.location().ifPresent(location -> upstreams.append("\n  ").append(provider.key()).append(" -> ")
                    .append(location));
        }
        return String.format("Releasegraph mode: %s; cache and idempotency store on %s; sandbox endpoints %s; "
                + "upstreams:%s", mode(), store, sandbox.on() ? "ON under /sandbox" : "off", upstreams);
    }

    /** Which of the three set-ups this is, in one word an operator can grep for, and why. */
    String mode() {
        List<String> real = SandboxSwitch.realUpstreams(config);
        if (real.isEmpty()) {
            return sandbox.on() ? "SANDBOX (built-in simulated upstreams; demo caller tokens unless a key is configured)"
                    : "PRODUCTION without upstreams (sandbox off, every upstream URL points at a sandbox)";
        }
        return sandbox.on() ? "MIXED (real upstreams " + real + " with the sandbox switched ON; switch "
                + "GATEWAY_SANDBOX_ENABLED off in production)" : "PRODUCTION (real upstreams " + real + ", sandbox off)";
    }

    /** JDBC URLs may carry a user or password as parameters; the log gets the location only. */
    private static String withoutParameters(String jdbc) {
        int cut = jdbc.indexOf(';');
        int query = jdbc.indexOf('?');
        int end = cut < 0 ? query : (query < 0 ? cut : Math.min(cut, query));
        return end < 0 ? jdbc : jdbc.substring(0, end);
    }
}
