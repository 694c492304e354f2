package io.klio.runtime.execution;

import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message a job could not process: which job, which element (if known), why, how many times the
 * job method was tried, when it was given up, and the original message bytes so that it can be
 * replayed. Two letters are equal when their contents are, as {@link DeadLetterCoder} encodes them;
 * the time is kept to the millisecond, as the coder keeps it.
 *
 * @param attempts calls of the job method for the element; 0 where it never ran (an input missing,
 *     a refused id, bytes that are not a Klio message)
 */
public record DeadLetter(
    String job, String elementId, String reason, int attempts, Instant time, byte[] message)
    implements Serializable {

  public DeadLetter {
    job = job == null ? "" : job;
    reason = reason == null || reason.isEmpty() ? "(no reason given)" : reason;
    attempts = Math.max(0, attempts);
    time = (time == null ? Instant.now() : time).truncatedTo(ChronoUnit.MILLIS);
    message = message == null ? new byte[0] : message;
  }

  /** A letter about an element the job method never ran for, given up now. */
  public static DeadLetter notRun(String job, String elementId, String reason, byte[] message) {
    return new DeadLetter(job, elementId, reason, 0, Instant.now(), message);
  }

  /** The reason's first line: the exception and its message, without the stack trace. */
  public String summary() {
    return summary(reason);
  }

  /** The first line of {@code reason}. */
  public static String summary(String reason) {
    int end = reason.indexOf('\n');
    return (end < 0 ? reason : reason.substring(0, end)).stripTrailing();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetter other
        && job.equals(other.job)
        && Objects.equals(elementId, other.elementId)
        && reason.equals(other.reason)
        && attempts == other.attempts
        && time.equals(other.time)
        && Arrays.equals(message, other.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(job, elementId, reason, attempts, time) * 31 + Arrays.hashCode(message);
  }

  @Override
  public String toString() {
    return "DeadLetter[job="
        + job
        + ", element="
        + elementId
        + ", reason="
        + summary()
        + ", attempts="
        + attempts
        + ", time="
        + time
        + ", message="
        + message.length
        + " bytes]";
  }
}
