package io.klio.runtime.execution;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message a job could not process: which job, which element (if known), why, and the original
 * message bytes so that it can be replayed. Two letters are equal when their contents are, as
 * {@link DeadLetterCoder} encodes them.
 */
public record DeadLetter(String job, String elementId, String reason, byte[] message)
    implements Serializable {

  public DeadLetter {
    job = job == null ? "" : job;
    reason = reason == null || reason.isEmpty() ? "(no reason given)" : reason;
    message = message == null ? new byte[0] : message;
  }

  /** The reason's first line: the exception and its message, without the stack trace. */
  public String summary() {
    int end = reason.indexOf('\n');
    return end < 0 ? reason : reason.substring(0, end);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetter other
        && job.equals(other.job)
        && Objects.equals(elementId, other.elementId)
        && reason.equals(other.reason)
        && Arrays.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(job, elementId, reason) * 31 + Arrays.hashCode(message);
  }

  @Override
  public String toString() {
    return "DeadLetter[job=" + job + ", element=" + elementId + ", reason=" + summary()
        + ", message=" + message.length + " bytes]";
  }
}
