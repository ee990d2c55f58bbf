/**
 * DNS discovery: A/AAAA and SRV strategies on dnsjava, and the resolver that dials peers
 * through the same name servers.
 */
@NullMarked
package io.gencluster.discovery.dns;

import org.jspecify.annotations.NullMarked;
