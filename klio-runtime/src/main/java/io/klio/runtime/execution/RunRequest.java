package io.klio.runtime.execution;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What a whole-DAG run was asked to do: which jobs (empty with {@code wholeDag}: every job), for
 * which ids, in which direction, and with which message flags.
 */
public record RunRequest(
    Set<String> jobs, boolean wholeDag, Mode mode, boolean force, boolean ping, List<String> ids)
    implements Serializable {

  /** Top-down runs a job and then its descendants; bottom-up fills in missing ancestors first. */
  public enum Mode {
    TOP_DOWN,
    BOTTOM_UP;

    public String flag() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public RunRequest {
    jobs = Set.copyOf(jobs);
    ids = List.copyOf(ids);
  }
}
