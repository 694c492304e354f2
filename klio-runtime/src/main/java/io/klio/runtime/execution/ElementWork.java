package io.klio.runtime.execution;

import io.klio.runtime.message.proto.KlioMessage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** One element on its way through a job: the message received, and what became of it. */
final class ElementWork {
  final KlioMessage received;
  /** The message to pass on once the job is done with the element. */
  final KlioMessage passed;
  final String id;
  final String output;
  /** Counted by the threads that compute; Beam counters may only be updated on the DoFn's. */
  final AtomicLong storageRequests = new AtomicLong();
  final AtomicInteger retries = new AtomicInteger();
  /** Why the element could not be computed; null once it was. */
  volatile Exception failure;

  ElementWork(KlioMessage received, KlioMessage passed, String id, String output) {
    this.received = received;
    this.passed = passed;
    this.id = id;
    this.output = output;
  }

  boolean force() {
    return received.getMetadata().getForce();
  }

  boolean ping() {
    return received.getMetadata().getPing();
  }
}
