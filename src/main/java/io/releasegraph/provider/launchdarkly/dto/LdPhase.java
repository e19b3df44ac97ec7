package io.releasegraph.provider.launchdarkly.dto;

import java.util.List;

/** A pipeline phase ({@code Phase}); note {@code id}, where a release phase has {@code _id}. */
public record LdPhase(String id, String name, List<LdAudience> audiences) {
}
