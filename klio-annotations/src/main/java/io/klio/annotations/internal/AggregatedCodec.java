package io.klio.annotations.internal;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generated code only, not user API. Marks a class in {@value AggregatedJob#PACKAGE} that points at
 * one {@link io.klio.annotations.KlioCodec} class.
 */
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
public @interface AggregatedCodec {
  /** The binary name of the codec class. */
  String codec();
}
