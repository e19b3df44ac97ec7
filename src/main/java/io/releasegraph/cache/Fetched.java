package io.releasegraph.cache;

/**
 * What a conditional upstream read answered: a value with its validators, or "not modified" (HTTP 304), in which case
 * the cached copy whose validators were sent is still current.
 */
public record Fetched<T>(T value, Validators validators, boolean notModified) {

    public static <T> Fetched<T> of(T value, Validators validators) {
        return new Fetched<>(value, validators, false);
    }

    public static <T> Fetched<T> notModified(Validators validators) {
        return new Fetched<>(null, validators, true);
    }

    /** The same answer with the value mapped; "not modified" stays so. */
    public <R> Fetched<R> map(java.util.function.Function<? super T, ? extends R> mapper) {
        return notModified ? notModified(validators) : of(mapper.apply(value), validators);
    }
}
