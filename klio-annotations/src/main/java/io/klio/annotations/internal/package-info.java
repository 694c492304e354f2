/**
 * Annotations that generated code carries. Public so that generated classes can use them; not user
 * API, and they may change without notice.
 */
package io.klio.annotations.internal;
