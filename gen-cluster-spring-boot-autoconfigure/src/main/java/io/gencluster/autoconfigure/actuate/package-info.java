/**
 * Auto-configuration of the actuator endpoint, health contributor and metrics.
 */
@NullMarked
package io.gencluster.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
