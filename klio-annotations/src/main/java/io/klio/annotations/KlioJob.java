package io.klio.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method as a Klio job: one step of a media-processing DAG that turns an element id into
 * an output file.
 *
 * <pre>{@code
 * @KlioJob(name = "beat-tracking", parents = "downsample")
 * @Output(location = "${data}/beats/{id}.json")
 * public static Beats track(@Input AudioClip audio, @ElementId String id) { ... }
 * }</pre>
 *
 * <p>The method is public, returns the job's output value and may throw. It is either static, or an
 * instance method of a public class with a public no-arg constructor (instantiated once per
 * worker). The annotation processor checks the whole DAG at compile time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface KlioJob {
  /**
   * The job's identity, used for topics, manifests and metrics: lower-case letters, digits and
   * {@code -}, starting with a letter, at most 63 characters. Derived from the method name in
   * kebab-case when left empty.
   */
  String name() default "";

  /** Names of the parent jobs, defined in this compilation or in any jar on the classpath. */
  String[] parents() default {};

  /**
   * A label the team bumps for changes the job's fingerprint cannot see: helpers in jars, a model
   * file, a library upgrade. Changing it makes the job's outputs stale like a code change does.
   * Empty by default. What the fingerprint covers is described in {@code docs/provenance.md}.
   */
  String version() default "";
}
