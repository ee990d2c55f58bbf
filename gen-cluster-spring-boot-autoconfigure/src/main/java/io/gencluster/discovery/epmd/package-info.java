/**
 * Port-mapper (epmd) discovery: the EPMD protocol, registration like an Erlang node, and
 * an embedded port mapper.
 */
@NullMarked
package io.gencluster.discovery.epmd;

import org.jspecify.annotations.NullMarked;
