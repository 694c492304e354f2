package io.klio.runtime.provenance;

import io.klio.runtime.job.JobSpec;
import io.klio.runtime.storage.Hashes;
import java.util.List;

/**
 * What an output was derived from, as one hash: the job's code fingerprint and version, and the
 * version of each input's data, where another job's output is versioned by its own key. Equal keys
 * mean the same code ran on the same data, so an output whose record carries the key its job would
 * compute now is current; any other is stale. Like Nix's and Bazel's action keys, it assumes a job
 * computes the same output from the same code and data.
 */
public final class DerivationKey {
  /** The version of a job's output that has no record. */
  public static final String UNRECORDED = "unrecorded";

  /** The version of external data that does not exist. */
  public static final String MISSING = "missing";

  private static final String FORMAT = "klio-derivation-1";

  /** 128 bits of SHA-256: no two derivations share a key in practice. */
  private static final int HEX_DIGITS = 32;

  private DerivationKey() {}

  public static String of(JobSpec job, List<InputVersion> inputs) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    text.append("fingerprint=").append(job.fingerprint()).append('\n');
    text.append("version=").append(job.version()).append('\n');
    for (InputVersion input : inputs) {
      text.append("input ")
          .append(input.parameter())
          .append('=')
          .append(input.version())
          .append('\n');
    }
    return Hashes.sha256(text.toString()).substring(0, HEX_DIGITS);
  }
}
