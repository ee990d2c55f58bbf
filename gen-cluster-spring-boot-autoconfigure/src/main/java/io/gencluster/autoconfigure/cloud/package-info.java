/**
 * Auto-configuration of the Spring Cloud adapters in {@code io.gencluster.cloud}: the
 * members as a {@code DiscoveryClient} and {@code ReactiveDiscoveryClient}, when Spring
 * Cloud Commons is present.
 */
@NullMarked
package io.gencluster.autoconfigure.cloud;

import org.jspecify.annotations.NullMarked;
