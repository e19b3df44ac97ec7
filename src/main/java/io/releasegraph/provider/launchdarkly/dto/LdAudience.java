package io.releasegraph.provider.launchdarkly.dto;

import java.util.List;

/** An audience of a pipeline phase ({@code Audience}); unlike a release audience it has no id or status. */
public record LdAudience(String name, LdEnvironmentSummary environment, LdAudienceConfiguration configuration,
        List<String> segmentKeys) {
}
