package io.klio.annotations.internal;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generated code only, not user API. Marks a class in {@value #PACKAGE} that points at one {@link
 * io.klio.annotations.KlioJob} method, so that the processor of a later compilation finds every job
 * of every jar on its classpath by listing one package. The processor now writes one marker per
 * declaring class, holding its jobs in {@link AggregatedJobs}; markers of a single job are still
 * read, as jars built before that carry them.
 */
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
public @interface AggregatedJob {
  /** The package that holds every marker class. */
  String PACKAGE = "io.klio.aggregated";

  /** The job's name. */
  String name();

  /** The binary name of the class that declares the job method. */
  String declaringClass();

  /** The job method's simple name. */
  String method();
}
