package io.releasegraph.health;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.Readiness;

import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.releasegraph.provider.ReleaseProvider;
import io.smallrye.health.api.HealthRegistry;

/** One readiness check per registered upstream, so {@code /q/health/ready} lists each by name. */
@Singleton
public class UpstreamHealthChecks {

    void register(@Observes StartupEvent event, @All List<ReleaseProvider> providers,
            @Readiness HealthRegistry readiness, HealthConfig health, UpstreamActivity activity, CircuitBreakers breakers,
            ReachabilityProbe probe) {
        for (ReleaseProvider provider : providers) {
            readiness.register("upstream " + provider.key(),
                    new UpstreamHealthCheck(provider, health, activity, breakers, probe));
        }
    }
}
