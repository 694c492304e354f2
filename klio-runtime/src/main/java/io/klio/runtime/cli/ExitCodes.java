package io.klio.runtime.cli;

import io.klio.runtime.config.KlioConfigException;

/** Exit statuses of the command line. */
public final class ExitCodes {
  public static final int OK = 0;

  /** The run failed as a whole, or a command could not do its work. */
  public static final int FAILED = 1;

  /** Bad flags, unknown jobs, missing variables: nothing was run. */
  public static final int USAGE = 2;

  /** The run completed, but some elements ended in the dead-letter output. */
  public static final int DEAD_LETTERS = 3;

  private ExitCodes() {}

  /**
   * The status of a command that threw {@code e}: {@link #USAGE} for a bad command line, config,
   * job name or variable (commands check those before they run anything), else {@link #FAILED}.
   */
  public static int of(Exception e) {
    return e instanceof RunCommand.UsageException
            || e instanceof KlioConfigException
            || e instanceof IllegalArgumentException
            || e instanceof IllegalStateException
        ? USAGE
        : FAILED;
  }
}
