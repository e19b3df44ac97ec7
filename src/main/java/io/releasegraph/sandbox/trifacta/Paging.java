package io.releasegraph.sandbox.trifacta;

import java.util.List;

/** A validated {@code limit}/{@code offset} window over a list. */
public record Paging(int limit, int offset) {

    /** Everything, e.g. the releases embedded in a deployment list. */
    public static final Paging ALL = new Paging(Integer.MAX_VALUE, 0);

    public <T> List<T> apply(List<T> items) {
        return items.stream().skip(offset).limit(limit).toList();
    }
}
