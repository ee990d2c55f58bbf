/**
 * Failure analyzers: turn the typed start-up failures of the transport into Spring Boot's
 * Description/Action report, naming the property to change.
 */
@NullMarked
package io.gencluster.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
