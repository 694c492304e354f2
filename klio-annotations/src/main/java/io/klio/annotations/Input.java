package io.klio.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a job parameter that receives one input for the current element.
 *
 * <p>Either {@link #from()} names the job (a parent or any ancestor) whose output is read, or
 * {@link #location()} names external data. With neither, the input is the output of the job's only
 * parent.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Input {
  /** The job whose output this parameter reads: a parent or any ancestor of the annotated job. */
  String from() default "";

  /**
   * A location template for external data, such as {@code "${data}/audio/{id}.wav"}. Required for
   * the inputs of root jobs.
   */
  String location() default "";
}
