/**
 * Application messages between members, over the transport's authenticated links:
 * {@link io.gencluster.messaging.ClusterTemplate} sends, broadcasts and requests;
 * {@link io.gencluster.messaging.ClusterListener} methods handle. At most once, in order
 * per sender and topic, bounded memory on both ends. Uses the value package, the
 * transport SPI, Spring Framework and Micrometer; never a transport implementation.
 */
@NullMarked
package io.gencluster.messaging;

import org.jspecify.annotations.NullMarked;
