/**
 * Transport SPI, after gen_cluster's {@code gc_dist}: links to peers, up/down notices and
 * how hosts are resolved. Depends only on the value package.
 */
@NullMarked
package io.gencluster.transport;

import org.jspecify.annotations.NullMarked;
