/**
 * The members as Spring Cloud sees services: a {@code DiscoveryClient} and a
 * {@code ReactiveDiscoveryClient} whose services are node names (or the nodes'
 * {@code service} metadata) and whose instances are this node and its members, at their
 * web ports. Depends on the value package and Spring Cloud Commons, an optional
 * dependency; wired from {@code io.gencluster.autoconfigure.cloud}.
 */
@NullMarked
package io.gencluster.cloud;

import org.jspecify.annotations.NullMarked;
