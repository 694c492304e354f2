package io.klio.runtime.job;

import io.klio.codec.Codec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A job as the annotation processor checked it: its name, parents, inputs and output. Generated
 * code builds one per job; the runtime plans and executes from it.
 */
public final class JobSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String method;
  private final List<String> parents;
  private final List<InputSpec> inputs;
  private final OutputSpec output;
  private final String fingerprint;
  private final String version;

  private JobSpec(Builder builder) {
    this.name = builder.name;
    this.method = builder.method;
    this.parents = List.copyOf(builder.parents);
    this.inputs = List.copyOf(builder.inputs);
    this.output = Objects.requireNonNull(builder.output, "output");
    this.fingerprint = builder.fingerprint;
    this.version = builder.version;
  }

  public static Builder builder(String name, String method) {
    return new Builder(name, method);
  }

  public String name() {
    return name;
  }

  /** The user's method, as {@code pkg.Class#method}. */
  public String method() {
    return method;
  }

  public List<String> parents() {
    return parents;
  }

  public List<InputSpec> inputs() {
    return inputs;
  }

  public OutputSpec output() {
    return output;
  }

  /**
   * What the job computes, as a hash computed at build time from its code, types and locations;
   * empty for jobs generated before fingerprints existed.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /** The job's {@code @KlioJob(version = ...)}, empty if not given. */
  public String version() {
    return version;
  }

  /** Every location template the job reads or writes: its output's, then its inputs'. */
  public List<String> locations() {
    List<String> all = new ArrayList<>();
    all.add(output.location());
    inputs.forEach(input -> all.add(input.location()));
    return all;
  }

  public boolean isRoot() {
    return parents.isEmpty();
  }

  @Override
  public String toString() {
    return "JobSpec{" + name + " <- " + parents + ", " + method + "}";
  }

  /** Builds a {@link JobSpec}; used by generated code. */
  public static final class Builder {
    private final String name;
    private final String method;
    private final List<String> parents = new ArrayList<>();
    private final List<InputSpec> inputs = new ArrayList<>();
    private OutputSpec output;
    private String fingerprint = "";
    private String version = "";

    private Builder(String name, String method) {
      this.name = Objects.requireNonNull(name);
      this.method = Objects.requireNonNull(method);
    }

    public Builder parents(String... names) {
      parents.addAll(List.of(names));
      return this;
    }

    public Builder input(InputSpec input) {
      inputs.add(input);
      return this;
    }

    public Builder output(String location, String type, Codec<?> codec) {
      output = new OutputSpec(location, type, codec);
      return this;
    }

    public Builder fingerprint(String fingerprint) {
      this.fingerprint = Objects.requireNonNull(fingerprint);
      return this;
    }

    public Builder version(String version) {
      this.version = Objects.requireNonNull(version);
      return this;
    }

    public JobSpec build() {
      return new JobSpec(this);
    }
  }
}
