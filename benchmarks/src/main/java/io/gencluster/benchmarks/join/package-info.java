/**
 * The gen-cluster side of the join benchmark, a Spring Boot app in a package of its own
 * so that its component scan sees only it.
 */
package io.gencluster.benchmarks.join;
