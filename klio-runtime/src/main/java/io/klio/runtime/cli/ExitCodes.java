package io.klio.runtime.cli;

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
}
