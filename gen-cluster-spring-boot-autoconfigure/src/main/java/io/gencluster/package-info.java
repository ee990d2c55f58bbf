/**
 * Values and user API: node addresses, members, leave reasons, the membership events and
 * the read-only membership view. Imports nothing else of gen-cluster; every other package
 * builds on this one.
 */
@NullMarked
package io.gencluster;

import org.jspecify.annotations.NullMarked;
