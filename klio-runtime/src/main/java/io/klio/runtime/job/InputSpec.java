package io.klio.runtime.job;

import io.klio.runtime.codec.Codec;
import java.io.Serializable;
import java.util.Optional;

/**
 * One input of a job: the output of an ancestor job, or external data at a location. Either way
 * it is read from {@link #location()}, a template over {@code {id}} and {@code ${vars}}.
 */
public final class InputSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final String fromJob;
  private final String location;
  private final String type;
  private final Codec<?> codec;

  private InputSpec(String parameter, String fromJob, String location, String type, Codec<?> codec) {
    this.parameter = parameter;
    this.fromJob = fromJob;
    this.location = location;
    this.type = type;
    this.codec = codec;
  }

  /** The output of job {@code job}, stored at {@code location} (that job's output template). */
  public static InputSpec fromJob(
      String parameter, String job, String location, String type, Codec<?> codec) {
    return new InputSpec(parameter, job, location, type, codec);
  }

  /** External data at {@code location}. */
  public static InputSpec external(String parameter, String location, String type, Codec<?> codec) {
    return new InputSpec(parameter, null, location, type, codec);
  }

  /** The method parameter's name. */
  public String parameter() {
    return parameter;
  }

  /** The producing job; empty for external data. */
  public Optional<String> fromJob() {
    return Optional.ofNullable(fromJob);
  }

  public String location() {
    return location;
  }

  /** The parameter's Java type, for manifests and messages. */
  public String type() {
    return type;
  }

  public Codec<?> codec() {
    return codec;
  }
}
