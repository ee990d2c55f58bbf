/**
 * Actuator runtime classes: the {@code cluster} endpoint, health indicator and Micrometer
 * binder. Wired by {@code io.gencluster.autoconfigure.actuate}.
 */
@NullMarked
package io.gencluster.actuate;

import org.jspecify.annotations.NullMarked;
