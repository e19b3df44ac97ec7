package io.releasegraph.observability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.releasegraph.graphql.guard.DocumentLimits;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.error.ExecutionErrorsService;
import io.smallrye.graphql.spi.EventingService;

/**
 * GraphQL operations by name, type and outcome with their latency ({@code releasegraph_graphql_operations_seconds}),
 * and errors by {@code extensions.code} and {@code extensions.upstream} ({@code releasegraph_graphql_errors_total}).
 * The gateway's engine calls {@link #record}; for what SmallRye executes, SmallRye calls it around each execution
 * through {@link GraphQLEventsBridge}. Errors are rendered by SmallRye's own service, so the code counted is exactly
 * the one the client received.
 */
@ApplicationScoped
@Named(GraphQLMetrics.BEAN_NAME)
public class GraphQLMetrics implements EventingService {

    static final String BEAN_NAME = "releasegraphGraphQLMetrics";
    static final String OPERATIONS = "releasegraph.graphql.operations";
    static final String ERRORS = "releasegraph.graphql.errors";
    static final String OTHER = "other";

    private static final String STARTED = GraphQLMetrics.class.getName() + ".started";
    private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    private record Operation(String name, String type) {
        static final Operation UNKNOWN = new Operation("unknown", "unknown");
    }

    private final MeterRegistry registry;
    private final int maxOperationNames;
    /** Names with their own series, and how often each was seen. */
    private final Map<String, LongAdder> tagged = new ConcurrentHashMap<>();
    /** Names without a series: {@code {hits, inherited}} per name, at most {@code maxOperationNames}; guarded by itself. */
    private final Map<String, long[]> candidates = new HashMap<>();
    private final ExecutionErrorsService errors = new ExecutionErrorsService();

    GraphQLMetrics(MeterRegistry registry, MetricsConfig config) {
        this.registry = registry;
        this.maxOperationNames = config.graphql().maxOperationNames();
    }

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public void beforeExecute(Context context) {
        ExecutionInput input = context.unwrap(ExecutionInput.class);
        if (input != null) {
            input.getGraphQLContext().put(STARTED, System.nanoTime());
        }
    }

    @Override
    public void afterExecute(Context context) {
        ExecutionInput input = context.unwrap(ExecutionInput.class);
        ExecutionResult result = context.unwrap(ExecutionResult.class);
        Long started = input == null ? null : input.getGraphQLContext().get(STARTED);
        if (started == null || result == null) {
            return;
        }
        Operation operation = operation(context);
        record(operation.name(), operation.type(), started, result.getErrors(),
                result.isDataPresent() && result.getData() != null);
    }

    /**
     * One executed operation, whichever engine ran it.
     *
     * @param startedNanos {@link System#nanoTime()} when execution began
     * @param dataPresent the response has (non-null) {@code data}
     */
    public void record(String operationName, String type, long startedNanos, List<GraphQLError> errors,
            boolean dataPresent) {
        String tag = bounded(operationName);
        Timer.builder(OPERATIONS)
                .description("GraphQL operations by operation name, type and outcome")
                .tags("operation", tag, "type", type, "outcome", outcome(errors, dataPresent))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        if (!tag.equals(OTHER) && !tagged.containsKey(tag)) {
            removeSeries(tag); // demoted while this request registered its series
        }
        if (!errors.isEmpty()) {
            countErrors(errors);
        }
    }

    private void countErrors(List<GraphQLError> graphQLErrors) {
        for (JsonValue value : errors.toJsonErrors(graphQLErrors)) {
            JsonObject extensions = value.asJsonObject().getJsonObject("extensions");
            String code = text(extensions, "code").or(() -> text(extensions, "classification")).orElse("UNKNOWN");
            String upstream = text(extensions, "upstream").orElse("none");
            Counter.builder(ERRORS)
                    .description("Errors in GraphQL responses by extensions.code and extensions.upstream")
                    .tags("code", code, "upstream", upstream)
                    .register(registry)
                    .increment();
        }
    }

    /** The executed operation from the parsed document: the one asked for by name, or the only one. */
    private static Operation operation(Context context) {
        Document document;
        try {
            document = context.unwrap(Document.class);
        } catch (RuntimeException unparseable) {
            return Operation.UNKNOWN;
        }
        if (document == null) {
            return Operation.UNKNOWN;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        Optional<String> requested = context.getOperationName().filter(name -> !name.isBlank());
        Optional<OperationDefinition> executed = requested.isPresent()
                ? operations.stream().filter(op -> requested.get().equals(op.getName())).findFirst()
                : operations.size() == 1 ? Optional.of(operations.get(0)) : Optional.empty();
        return executed.map(op -> new Operation(op.getName() == null ? "anonymous" : op.getName(),
                op.getOperation().name().toLowerCase(Locale.ROOT))).orElse(Operation.UNKNOWN);
    }

    /**
     * The {@code max-operation-names} most frequent names keep their own series; the rest count as {@code other}.
     * Names with a series are counted exactly; the others in a table of as many candidates kept by the Space-Saving
     * algorithm (bounded memory whatever clients send). A candidate takes the place of the least used name only when
     * its certain count (hits minus what it inherited) is clearly higher, so a flood of one-off names never evicts a real
     * one. The evicted name's series are removed, keeping the registry bounded.
     */
    String bounded(String name) {
        if (name.length() > DocumentLimits.MAX_OPERATION_NAME_CHARS) {
            return OTHER; // refused over HTTP before execution; this covers whatever else reaches here
        }
        if (maxOperationNames <= 0) {
            return OTHER;
        }
        LongAdder hits = tagged.get(name);
        if (hits != null) {
            hits.increment();
            return name;
        }
        String demoted;
        synchronized (candidates) {
            hits = tagged.get(name);
            if (hits != null) {
                hits.increment();
                return name;
            }
            if (tagged.size() < maxOperationNames) {
                LongAdder first = new LongAdder();
                first.increment();
                tagged.put(name, first);
                return name;
            }
            long[] counted = candidates.get(name);
            if (counted == null) {
                counted = newCandidate(name);
            }
            counted[0]++;
            Map.Entry<String, LongAdder> least = leastTagged();
            long leastHits = least.getValue().sum();
            // a margin, so two names of about the same use do not swap series back and forth
            if (counted[0] - counted[1] <= leastHits + Math.max(1, leastHits / 10)) {
                return OTHER;
            }
            candidates.remove(name);
            LongAdder promoted = new LongAdder();
            promoted.add(counted[0]);
            demoted = least.getKey();
            tagged.remove(demoted);
            tagged.put(name, promoted);
            candidates.put(demoted, new long[] { leastHits, 0 });
        }
        removeSeries(demoted);
        return name;
    }

    private void removeSeries(String name) {
        registry.find(OPERATIONS).tag("operation", name).meters().forEach(registry::remove);
    }

    /** A candidate's counts {@code {hits, inherited}}; when the table is full it replaces the least counted one. */
    private long[] newCandidate(String name) {
        long[] counted;
        if (candidates.size() < maxOperationNames) {
            counted = new long[] { 0, 0 };
        } else {
            Map.Entry<String, long[]> least = null;
            for (Map.Entry<String, long[]> entry : candidates.entrySet()) {
                if (least == null || entry.getValue()[0] < least.getValue()[0]) {
                    least = entry;
                }
            }
            candidates.remove(least.getKey());
            counted = new long[] { least.getValue()[0], least.getValue()[0] };
        }
        candidates.put(name, counted);
        return counted;
    }

    private Map.Entry<String, LongAdder> leastTagged() {
        Map.Entry<String, LongAdder> least = null;
        long leastHits = Long.MAX_VALUE;
        for (Map.Entry<String, LongAdder> entry : tagged.entrySet()) {
            long hits = entry.getValue().sum();
            if (hits < leastHits) {
                least = entry;
                leastHits = hits;
            }
        }
        return least;
    }

    private static String outcome(List<GraphQLError> errors, boolean dataPresent) {
        if (errors.isEmpty()) {
            return "success";
        }
        return dataPresent ? "partial" : "error";
    }

    private static Optional<String> text(JsonObject object, String key) {
        if (object == null || !(object.get(key) instanceof jakarta.json.JsonString string)) {
            return Optional.empty();
        }
        return Optional.of(string.getString());
    }
}
