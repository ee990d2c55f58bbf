package io.gencluster.testsupport;

/**
 * The cookie every node a test starts shares, so nodes from different helpers can join
 * one cluster.
 */
public final class TestCookies {

    /** Cookie of every test node; a test that needs a mismatch spells its own. */
    public static final String SHARED = "gen-cluster-test-cookie";

    private TestCookies() {
    }

}
