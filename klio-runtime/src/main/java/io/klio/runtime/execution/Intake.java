package io.klio.runtime.execution;

import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.MalformedMessageException;
import io.klio.runtime.message.proto.KlioMessage;

/**
 * What per-job mode makes of the bytes of one Pub/Sub message: the Klio message they hold, or, for
 * bytes that are not one, a dead letter with the reason and the bytes, so that the job goes on.
 *
 * @param message the message; null if the bytes are not one
 * @param deadLetter the dead letter; null if the bytes are a message
 */
record Intake(KlioMessage message, DeadLetter deadLetter) {

  static Intake of(String job, byte[] bytes) {
    try {
      return new Intake(KlioMessages.parse(bytes), null);
    } catch (MalformedMessageException | RuntimeException e) {
      // RuntimeException too: no bytes may fail the bundle that carries them.
      return new Intake(
          null, DeadLetter.notRun(job, "", "not a Klio message: " + e.getMessage(), bytes));
    }
  }

  boolean parsed() {
    return message != null;
  }
}
