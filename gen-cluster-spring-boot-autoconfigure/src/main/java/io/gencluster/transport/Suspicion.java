package io.gencluster.transport;

import java.time.Instant;
import java.util.Objects;

/**
 * What the other members said when this node asked them about a member it had heard
 * nothing from for the heartbeat timeout (an indirect probe, as SWIM does): how many were
 * asked and how many still hear it. The transport reports it just before the leave it
 * explains, or alone when the member spoke again meanwhile.
 *
 * @param outcome what this node concluded
 * @param asked how many other members were asked
 * @param heardBy how many of them had heard from it lately
 * @param at when the question ended
 */
public record Suspicion(Outcome outcome, int asked, int heardBy, Instant at) {

    /** What a suspicion ended in. */
    public enum Outcome {

        /**
         * Other members still hear it: the trouble is between it and this node; it leaves
         * as {@link io.gencluster.LeaveReason#HEARD_BY_OTHERS} and is dialled again.
         */
        HEARD_BY_OTHERS,
        /**
         * Nobody asked heard it lately, or there was nobody to ask: it leaves as
         * {@link io.gencluster.LeaveReason#HEARTBEAT_TIMEOUT}.
         */
        HEARD_BY_NONE,
        /** It spoke again while the others were asked: its link stays up. */
        REFUTED

    }

    /** Checks the parts. */
    public Suspicion {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        if (asked < 0 || heardBy < 0 || heardBy > asked) {
            throw new IllegalArgumentException("heard by " + heardBy + " of " + asked);
        }
    }

    /**
     * One phrase for a log line or a leave's detail: {@code heard by 2 of 3 members},
     * {@code no other member to ask}.
     */
    public String detail() {
        if (asked == 0) {
            return "no other member to ask";
        }
        String heard = "heard by " + heardBy + " of " + asked + (asked == 1 ? " member" : " members");
        return outcome == Outcome.REFUTED ? "it spoke again; " + heard : heard;
    }

}
