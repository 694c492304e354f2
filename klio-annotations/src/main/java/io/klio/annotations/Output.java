package io.klio.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a job stores the value its method returns.
 *
 * <p>The location is a template: {@code {id}} stands for the element id and is required; {@code
 * ${var}} stands for a value supplied at run time (config or command line). Any Beam {@code
 * FileSystems} path works: {@code /local}, {@code file://}, {@code gs://}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Output {
  /** The location template, for example {@code "${data}/beats/{id}.json"}. */
  String location();
}
