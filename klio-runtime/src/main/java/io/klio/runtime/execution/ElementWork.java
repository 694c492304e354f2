package io.klio.runtime.execution;

import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.provenance.InputVersion;
import io.klio.runtime.provenance.OutputRecords;
import java.util.List;
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

  /** Calls of the job method for the element, whatever came of them; a dead letter tells. */
  final AtomicInteger attempts = new AtomicInteger();

  /** Why the element could not be computed; null once it was. */
  volatile Exception failure;

  /** Why the element is computed. */
  Reason reason = Reason.MISSING;

  /** The data the output is derived from, and the derivation key its record gets. */
  List<InputVersion> inputVersions = List.of();

  String key;

  /** The output's records before the computation: what writing the output replaces. */
  OutputRecords records = OutputRecords.NONE;

  boolean outputExisted;

  /** When the job method was called for the attempt that succeeded, and how long it ran. */
  volatile long startedMillis;

  volatile long durationMillis;

  /** Why an element is computed. */
  enum Reason {
    MISSING("output missing"),
    STALE("stale"),
    FORCED("forced");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    String describe() {
      return description;
    }
  }

  /** Whether writing the output replaces an output or records that describe something else. */
  boolean replacing() {
    return outputExisted || !records.isEmpty();
  }

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
