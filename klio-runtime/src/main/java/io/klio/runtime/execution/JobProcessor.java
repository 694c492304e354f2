package io.klio.runtime.execution;

import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.provenance.DerivationKey;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-message semantics of one job, applied to a batch of messages at a time: recipients, cycle
 * guard, ping, skip when the output exists (and, with {@code --stale}, is current), read inputs,
 * call the method with the job's timeout and retries, write the output atomically with its
 * provenance record, pass the message on. In a plan, count what would be computed instead. Every
 * failure becomes a dead letter; nothing stops the job.
 *
 * <p>Working on batches lets the job ask the store about all outputs of a batch at once, and run
 * the batch's elements side by side, at most {@code maxConcurrency} at a time per worker.
 */
final class JobProcessor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);

  private final JobSpec spec;
  private final RunSettings settings;
  private final JobRef self;

  private final BatchComputation computation;
  private final JobProvenance jobProvenance;

  private transient JobCounters counters;
  private transient SlowestElements slowest;

  JobProcessor(JobSpec spec, JobInvoker invoker, RunSettings settings) {
    this.spec = spec;
    this.settings = settings;
    this.self = new JobRef(spec.name(), settings.gcpProject());
    this.computation = new BatchComputation(spec, invoker, settings);
    this.jobProvenance = new JobProvenance(spec, settings.variables());
  }

  /** What a batch came to: messages to pass on, dead letters, requests to producing jobs. */
  static final class Outcome {
    final List<KlioMessage> passed = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<KV<String, KlioMessage>> upstreamRequests = new ArrayList<>();

    /** Plans only: what the job would do for each element it got, by id. */
    final Map<String, String> verdicts = new LinkedHashMap<>();

    /** Whether the verdicts are noted: a run that computes has no use for them per element. */
    private final boolean planOnly;

    Outcome(boolean planOnly) {
      this.planOnly = planOnly;
    }

    void verdict(String id, String verdict) {
      if (planOnly) {
        verdicts.put(id, verdict);
      }
    }

    /** Outputs each part under its {@link JobExecution} tag. */
    void emit(DoFn.MultiOutputReceiver out) {
      passed.forEach(out.get(JobExecution.PASSED)::output);
      deadLetters.forEach(out.get(JobExecution.DEAD_LETTERS)::output);
      upstreamRequests.forEach(out.get(JobExecution.UPSTREAM_REQUESTS)::output);
    }
  }

  void setUp() throws Exception {
    counters = new JobCounters(spec.name());
    slowest = new SlowestElements();
    computation.setUp();
  }

  void tearDown() {
    computation.tearDown();
  }

  /** Counts elements the job did not get because a parent failed for them. */
  void blockedByParent(int elements) {
    counters.blockedByParent.inc(elements);
  }

  Outcome process(List<KlioMessage> messages) {
    return process(messages, KnownOutputs.NONE, new BatchProvenance());
  }

  /**
   * Processes a batch; the store is asked only about outputs not already {@code known}, and about
   * records not already in the batch's {@code provenance}.
   */
  Outcome process(List<KlioMessage> messages, KnownOutputs known, BatchProvenance provenance) {
    Outcome outcome = new Outcome(settings.provenance().planOnly());
    List<ElementWork> elements = new ArrayList<>();
    for (KlioMessage message : messages) {
      admit(message, outcome).ifPresent(elements::add);
    }
    if (elements.isEmpty()) {
      return outcome;
    }
    RunSettings.Provenance checks = settings.provenance();
    Set<String> existing =
        existing(elements, e -> known.knows(e.id) ? List.of() : List.of(e.output), outcome);
    List<ElementWork> toCompute = new ArrayList<>();
    List<ElementWork> toCheck = new ArrayList<>();
    List<ElementWork> present = new ArrayList<>();
    for (ElementWork element : elements) {
      boolean exists =
          known.knows(element.id) ? known.exists(element.id) : existing.contains(element.output);
      element.outputExisted = exists;
      if (exists) {
        present.add(element);
      }
      if (element.ping()) {
        counters.pinged.inc();
        LOG.info(
            "ping {} at {}: output {}",
            element.id,
            spec.name(),
            exists ? "exists" : "missing, would run");
        outcome.passed.add(element.passed);
      } else if (exists && !element.force()) {
        if (checks.stale()) {
          toCheck.add(element);
        } else {
          counters.skipped.inc();
          outcome.verdict(element.id, "skip (output exists)");
          outcome.passed.add(element.passed);
        }
      } else {
        element.reason = exists ? ElementWork.Reason.FORCED : ElementWork.Reason.MISSING;
        toCompute.add(element);
      }
    }
    if (checks.planOnly()) {
      countRecordedDurations(present, provenance);
    }
    toCompute.addAll(stale(toCheck, provenance, outcome));
    if (!settings.relay()) {
      toCompute = requestMissingInputs(toCompute, outcome);
    }
    derive(toCompute, provenance, outcome);
    if (checks.planOnly()) {
      plan(toCompute, provenance, outcome);
    } else {
      computeAll(toCompute, provenance, outcome);
    }
    return outcome;
  }

  /**
   * Of elements whose output exists, those whose record shows other code or data than the job has
   * now, or no trustworthy record (being replaced, or written by two runs at once); the others are
   * skipped. Outputs without any record are counted, and are stale only if the run says so.
   */
  private List<ElementWork> stale(
      List<ElementWork> elements, BatchProvenance provenance, Outcome outcome) {
    List<ElementWork> stale = new ArrayList<>();
    load(elements, provenance, outcome);
    for (ElementWork element : elements) {
      JobProvenance.State state = jobProvenance.state(element, provenance);
      if (state == JobProvenance.State.NO_RECORD) {
        counters.noRecord.inc();
      }
      if (state == JobProvenance.State.STALE
          || (state == JobProvenance.State.NO_RECORD
              && settings.provenance().unrecordedAreStale())) {
        element.reason = ElementWork.Reason.STALE;
        stale.add(element);
      } else {
        counters.skipped.inc();
        outcome.verdict(
            element.id,
            state == JobProvenance.State.NO_RECORD
                ? "skip (output exists, no record)"
                : "skip (current)");
        outcome.passed.add(element.passed);
      }
    }
    return stale;
  }

  /**
   * Gives each element to compute the versions of its inputs and the derivation key its record will
   * carry, and notes the records its output replaces. The versions are taken before the inputs are
   * read, so that data replaced in between makes the output stale, never current.
   */
  private void derive(List<ElementWork> elements, BatchProvenance provenance, Outcome outcome) {
    load(elements, provenance, outcome);
    for (ElementWork element : elements) {
      element.records = provenance.records(element.output);
      element.inputVersions = jobProvenance.inputVersions(element, provenance);
      element.key = DerivationKey.of(spec, element.inputVersions);
    }
  }

  /**
   * Loads what the elements' keys depend on, for the whole batch at once; if the store cannot
   * answer for the batch, element by element, dead-lettering (and removing) those it cannot answer
   * for.
   */
  private void load(List<ElementWork> elements, BatchProvenance provenance, Outcome outcome) {
    if (elements.isEmpty()) {
      return;
    }
    try {
      jobProvenance.load(elements, provenance, requests());
    } catch (IOException | RuntimeException batchFailure) {
      for (Iterator<ElementWork> it = elements.iterator(); it.hasNext(); ) {
        ElementWork element = it.next();
        try {
          jobProvenance.load(List.of(element), provenance, requests());
        } catch (IOException | RuntimeException e) {
          deadLetter(element.received, element.id, e, outcome);
          it.remove();
        }
      }
    }
  }

  /**
   * A plan computes nothing: it counts what a run would compute, and why, and passes the elements
   * on as if computed, with the keys their records would get, so that their children see them as a
   * run would. An element whose input would be missing is what a run would dead-letter.
   */
  private void plan(List<ElementWork> elements, BatchProvenance provenance, Outcome outcome) {
    Set<String> existingInputs =
        existing(elements, e -> jobProvenance.jobInputsNotWrittenHere(e, provenance), outcome);
    for (ElementWork element : elements) {
      if (jobProvenance.inputMissing(element, provenance, existingInputs)) {
        counters.planInputMissing.inc();
        outcome.verdict(element.id, "blocked (input missing)");
        continue;
      }
      switch (element.reason) {
        case MISSING -> counters.planMissing.inc();
        case STALE -> counters.planStale.inc();
        case FORCED -> counters.planForced.inc();
      }
      outcome.verdict(element.id, "compute (" + element.reason.describe() + ")");
      provenance.wrote(element.output, element.key);
      outcome.passed.add(element.passed);
    }
  }

  /** Plans: counts the recorded running times of the job method for outputs that exist. */
  private void countRecordedDurations(List<ElementWork> present, BatchProvenance provenance) {
    if (present.isEmpty()) {
      return;
    }
    List<String> outputs = new ArrayList<>();
    present.forEach(element -> outputs.add(element.output));
    try {
      provenance.loadRecords(outputs, requests());
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: cannot list records for the estimate: {}", spec.name(), e.toString());
      return; // an estimate without them
    }
    for (ElementWork element : present) {
      provenance.records(element.output).durationMillis().ifPresent(counters::recordedDuration);
    }
  }

  /** Computes the elements side by side, as many at once as the job has slots on this worker. */
  private void computeAll(
      List<ElementWork> toCompute, BatchProvenance provenance, Outcome outcome) {
    computation.computeAll(toCompute);
    for (ElementWork element : toCompute) {
      if (element.failure == null) {
        counters.processed.inc();
        counters.computedIn(element.durationMillis);
        slowest.add(new ElementDuration(spec.name(), element.id, element.durationMillis));
        if (element.reason == ElementWork.Reason.STALE) {
          counters.stale.inc();
        }
        provenance.wrote(element.output, element.key);
        outcome.passed.add(element.passed);
      } else {
        deadLetter(element.received, element.id, element.failure, element.attempts.get(), outcome);
      }
      counters.storageRequests.inc(element.storageRequests.get());
      counters.retried.inc(element.retries.get());
    }
  }

  /** The checks that need no store; empty if the message ended here (dropped, dead letter). */
  private Optional<ElementWork> admit(KlioMessage message, Outcome outcome) {
    String id = null;
    try {
      id = KlioMessages.elementId(message);
      Locations.checkElementId(id);
      if (!KlioMessages.isRecipient(message, self)) {
        if (settings.relay()) {
          counters.passedOn.inc();
          outcome.passed.add(message);
        } else {
          counters.dropped.inc();
          LOG.debug("{}: dropped {}, addressed to other jobs", spec.name(), id);
        }
        return Optional.empty();
      }
      int visits = KlioMessages.visitCount(message, self);
      if (visits >= settings.maxVisits()) {
        throw new JobFailedException(
            "cycle guard: the message already visited "
                + self.identity()
                + " "
                + visits
                + " times (limit "
                + settings.maxVisits()
                + ")");
      }
      KlioMessage passed =
          KlioMessages.resumeTopDownAt(KlioMessages.withAudit(message, self, Instant.now()), self);
      String output = Locations.render(spec.output().location(), id, settings.variables());
      return Optional.of(new ElementWork(message, passed, id, output));
    } catch (Exception e) {
      deadLetter(message, id, e, outcome);
      return Optional.empty();
    }
  }

  /**
   * Per-job mode: an element whose input from a Klio job is missing is not computed; the producing
   * job is asked for it and its result comes back to this job only. Returns the elements whose
   * inputs are all there.
   */
  private List<ElementWork> requestMissingInputs(List<ElementWork> elements, Outcome outcome) {
    if (elements.isEmpty()) {
      return elements;
    }
    Set<String> existing = existing(elements, this::jobInputs, outcome);
    List<ElementWork> ready = new ArrayList<>();
    for (ElementWork element : elements) {
      Optional<String> missing = Optional.empty();
      for (InputSpec input : spec.inputs()) {
        if (input.fromJob().isPresent()
            && !existing.contains(
                Locations.render(input.location(), element.id, settings.variables()))) {
          missing = input.fromJob();
          break;
        }
      }
      if (missing.isPresent()) {
        // Ask the producing job, along a DAG path that brings its answer back here.
        RequestRoute route = settings.requestRoutes().to(missing.get());
        if (route.exists()) {
          counters.requestedUpstream.inc();
          outcome.upstreamRequests.add(
              KV.of(route.ancestor(), route.address(element.passed, settings.gcpProject())));
        } else {
          deadLetter(
              element.received,
              element.id,
              new InputMissingException(route.deadLetterReason()),
              outcome);
        }
      } else {
        ready.add(element);
      }
    }
    return ready;
  }

  /** Where the element's inputs from other jobs are. */
  private List<String> jobInputs(ElementWork element) {
    List<String> locations = new ArrayList<>();
    for (InputSpec input : spec.inputs()) {
      if (input.fromJob().isPresent()) {
        locations.add(Locations.render(input.location(), element.id, settings.variables()));
      }
    }
    return locations;
  }

  /**
   * Which of the elements' locations exist, asked for the whole batch at once. If the store cannot
   * answer for the batch, each element is asked on its own, so that a location only one element has
   * trouble with (a name its file system cannot hold) dead-letters that element alone; such
   * elements are removed from {@code elements}.
   */
  private Set<String> existing(
      List<ElementWork> elements, Function<ElementWork, List<String>> locations, Outcome outcome) {
    List<String> all = new ArrayList<>();
    try {
      elements.forEach(element -> all.addAll(locations.apply(element)));
      return all.isEmpty() ? Set.of() : Storage.existing(all, requests());
    } catch (IOException | RuntimeException batchFailure) {
      Set<String> existing = new HashSet<>();
      for (Iterator<ElementWork> it = elements.iterator(); it.hasNext(); ) {
        ElementWork element = it.next();
        try {
          List<String> own = locations.apply(element);
          existing.addAll(own.isEmpty() ? Set.of() : Storage.existing(own, requests()));
        } catch (IOException | RuntimeException e) {
          deadLetter(element.received, element.id, e, outcome);
          it.remove();
        }
      }
      return existing;
    }
  }

  private RequestCounter requests() {
    return counters.storageRequests::inc;
  }

  /** An element the job method never ran for. */
  private void deadLetter(KlioMessage message, String id, Exception e, Outcome outcome) {
    deadLetter(message, id, e, 0, outcome);
  }

  /** The reason is logged by the sink, once; here only counted. */
  private void deadLetter(
      KlioMessage message, String id, Exception e, int attempts, Outcome outcome) {
    counters.deadLettered.inc();
    String reason = describe(e);
    outcome.deadLetters.add(
        new DeadLetter(
            spec.name(), id, reason, attempts, Instant.now(), KlioMessages.toBytes(message)));
    if (id != null) {
      outcome.verdict(id, "dead letter (" + DeadLetter.summary(reason) + ")");
    }
  }

  private static String describe(Exception e) {
    if (e instanceof InputMissingException
        || e instanceof InputTooLargeException
        || e instanceof JobFailedException
        || e instanceof IllegalArgumentException) {
      return e.getMessage() != null ? e.getMessage() : e.toString();
    }
    StringWriter trace = new StringWriter(); // its first line is the exception and its message
    e.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  /** An input's file does not exist. */
  static final class InputMissingException extends IOException {
    private static final long serialVersionUID = 1L;

    InputMissingException(String message) {
      super(message);
    }
  }

  /** An input has more bytes than the job's {@code maxInputBytes}. */
  static final class InputTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    InputTooLargeException(String message) {
      super(message);
    }
  }

  /** The method failed without an exception of its own: timeout, null result. */
  static final class JobFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    JobFailedException(String message) {
      super(message);
    }
  }
}
