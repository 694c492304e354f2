package io.klio.annotations.internal;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generated code only, not user API. Marks a class in {@value AggregatedJob#PACKAGE} that points at
 * every {@link io.klio.annotations.KlioJob} method of one class: one marker per declaring class
 * rather than per job, so that a compilation of many jobs generates few markers.
 */
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
public @interface AggregatedJobs {
  /** The class's jobs. */
  AggregatedJob[] value();
}
