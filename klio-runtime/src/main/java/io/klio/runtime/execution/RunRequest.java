package io.klio.runtime.execution;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What a whole-DAG run was asked to do: which jobs (empty with {@code wholeDag}: every job), for
 * which ids, in which direction, and with which message flags.
 *
 * @param ids ids given one by one
 * @param idFiles files of ids, one per line, that the pipeline reads: a path, a glob or an
 *     object-store path; null for none
 * @param batchSize how many ids go through the DAG together: the unit of the store lookups
 */
public record RunRequest(
    Set<String> jobs,
    boolean wholeDag,
    Mode mode,
    boolean force,
    boolean ping,
    List<String> ids,
    String idFiles,
    int batchSize)
    implements Serializable {

  /** Large enough to answer a store with few requests, small enough to spread over workers. */
  public static final int DEFAULT_BATCH_SIZE = 100;

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
    if (ids.isEmpty() && idFiles == null) {
      throw new IllegalArgumentException("a run needs element ids or files of ids");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be 1 or more, not " + batchSize);
    }
  }

  /** A run over ids given one by one. */
  public RunRequest(
      Set<String> jobs,
      boolean wholeDag,
      Mode mode,
      boolean force,
      boolean ping,
      List<String> ids) {
    this(jobs, wholeDag, mode, force, ping, ids, null, DEFAULT_BATCH_SIZE);
  }
}
