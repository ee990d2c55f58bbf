/**
 * Membership core: the refresh loop and lifecycle, the member table that turns link
 * up/down into events, and the dialler with its backoff. Uses the transport and discovery
 * SPIs, never their implementations.
 */
@NullMarked
package io.gencluster.membership;

import org.jspecify.annotations.NullMarked;
