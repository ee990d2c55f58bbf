package io.gencluster.membership;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who sees whom: from the links each member reports, the members each one lacks a link
 * to, and the pairs of nodes (this one included) without a link between them. A member
 * that has not reported yet is left out.
 *
 * @param lacking for each member lacking a link, the ids of the nodes it lacks, sorted
 * @param pairs the pairs without a link, each once, sorted
 */
public record MissingLinks(Map<String, List<String>> lacking, List<Pair> pairs) {

    /** No member lacks a link. */
    public static final MissingLinks NONE = new MissingLinks(Map.of(), List.of());

    /** Copies the collections. */
    public MissingLinks {
        lacking = Map.copyOf(lacking);
        pairs = List.copyOf(pairs);
    }

    /**
     * Two nodes without a link between them.
     *
     * @param first the id that sorts first
     * @param second the other id
     * @param since when this node first saw the pair missing
     */
    public record Pair(String first, String second, Instant since) {
    }

}
