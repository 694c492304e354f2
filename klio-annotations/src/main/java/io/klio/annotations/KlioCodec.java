package io.klio.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers a codec so that jobs may take and return the type it encodes.
 *
 * <p>Put it on a public class with a public no-arg constructor that implements {@code
 * io.klio.codec.Codec<T>}; the annotation processor records it, and every compilation that has this
 * class's jar on its classpath accepts {@code T} as a job input and output type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface KlioCodec {}
