/**
 * The annotations of Klio for Java: {@link io.klio.annotations.KlioJob}, {@link
 * io.klio.annotations.Input}, {@link io.klio.annotations.Output}, {@link
 * io.klio.annotations.ElementId} and {@link io.klio.annotations.KlioCodec}.
 */
package io.klio.annotations;
