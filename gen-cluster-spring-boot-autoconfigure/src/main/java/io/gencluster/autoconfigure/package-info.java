/**
 * Spring Boot auto-configuration: the {@code gen-cluster.*} properties, their validation
 * and the beans. The only package that knows property names.
 */
@NullMarked
package io.gencluster.autoconfigure;

import org.jspecify.annotations.NullMarked;
