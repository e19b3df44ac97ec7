package io.releasegraph.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.Readiness;

import io.releasegraph.domain.ReleaseSource;
import io.smallrye.health.api.AsyncHealthCheck;

/** One readiness check per upstream, so {@code /q/health/ready} lists each by name. */
@ApplicationScoped
public class UpstreamHealthChecks {

    private final Config config;
    private final HealthConfig health;
    private final UpstreamActivity activity;
    private final CircuitBreakers breakers;
    private final ReachabilityProbe probe;

    UpstreamHealthChecks(Config config, HealthConfig health, UpstreamActivity activity, CircuitBreakers breakers,
            ReachabilityProbe probe) {
        this.config = config;
        this.health = health;
        this.activity = activity;
        this.breakers = breakers;
        this.probe = probe;
    }

    @Produces
    @Readiness
    @Singleton
    AsyncHealthCheck trifacta() {
        return check(ReleaseSource.TRIFACTA);
    }

    @Produces
    @Readiness
    @Singleton
    AsyncHealthCheck cryptlex() {
        return check(ReleaseSource.CRYPTLEX);
    }

    @Produces
    @Readiness
    @Singleton
    AsyncHealthCheck launchdarkly() {
        return check(ReleaseSource.LAUNCHDARKLY);
    }

    private AsyncHealthCheck check(ReleaseSource upstream) {
        return new UpstreamHealthCheck(upstream, config, health, activity, breakers, probe);
    }
}
