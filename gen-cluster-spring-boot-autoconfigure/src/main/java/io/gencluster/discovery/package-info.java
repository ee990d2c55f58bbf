/**
 * Discovery SPI, after gen_cluster's {@code gc_discover}, and the static strategy.
 * Depends only on the value package.
 */
@NullMarked
package io.gencluster.discovery;

import org.jspecify.annotations.NullMarked;
