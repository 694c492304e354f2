package io.klio.runtime.execution;

import io.klio.runtime.codec.Codec;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-message semantics of one job, applied to a batch of messages at a time: recipients,
 * cycle guard, ping, skip when the output exists, read inputs, call the method with the job's
 * timeout and retries, write the output atomically, pass the message on. Every failure becomes a
 * dead letter; nothing stops the job.
 *
 * <p>Working on batches lets the job ask the store about all outputs of a batch at once, and run
 * the batch's elements side by side, at most {@code maxConcurrency} at a time per worker.
 */
final class JobProcessor implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);

  private final JobSpec spec;
  private final JobInvoker invoker;
  private final RunSettings settings;
  private final JobRef self;

  private transient JobCounters counters;
  private transient ExecutorService executor;
  private transient Semaphore slots;

  JobProcessor(JobSpec spec, JobInvoker invoker, RunSettings settings) {
    this.spec = spec;
    this.invoker = invoker;
    this.settings = settings;
    this.self = new JobRef(spec.name(), settings.gcpProject());
  }

  /** What a batch came to: messages to pass on, dead letters, requests to producing jobs. */
  static final class Outcome {
    final List<KlioMessage> passed = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<KV<String, KlioMessage>> upstreamRequests = new ArrayList<>();

    /** Outputs each part under its {@link JobExecution} tag. */
    void emit(DoFn.MultiOutputReceiver out) {
      passed.forEach(out.get(JobExecution.PASSED)::output);
      deadLetters.forEach(out.get(JobExecution.DEAD_LETTERS)::output);
      upstreamRequests.forEach(out.get(JobExecution.UPSTREAM_REQUESTS)::output);
    }
  }

  void setUp() throws Exception {
    counters = new JobCounters(spec.name());
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "klio-" + spec.name());
              thread.setDaemon(true);
              return thread;
            });
    int limit = settings.job(spec.name()).maxConcurrency();
    slots =
        ConcurrencyLimits.slots(
            spec.name(), limit > 0 ? limit : Runtime.getRuntime().availableProcessors());
  }

  void tearDown() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** One message to work on, once it passed the checks that need no store. */
  private static final class Element {
    final KlioMessage received;
    final KlioMessage passed;
    final String id;
    final String output;
    /** Counted by the worker thread; Beam counters may only be updated on the DoFn's thread. */
    final AtomicLong storageRequests = new AtomicLong();
    final AtomicInteger retries = new AtomicInteger();
    Future<Object> work;

    Element(KlioMessage received, KlioMessage passed, String id, String output) {
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

  Outcome process(List<KlioMessage> messages) {
    Outcome outcome = new Outcome();
    List<Element> elements = new ArrayList<>();
    for (KlioMessage message : messages) {
      admit(message, outcome).ifPresent(elements::add);
    }
    if (elements.isEmpty()) {
      return outcome;
    }
    Set<String> existing;
    try {
      List<String> outputs = new ArrayList<>();
      elements.forEach(e -> outputs.add(e.output));
      existing = Storage.existing(outputs, requests());
    } catch (IOException | RuntimeException e) {
      elements.forEach(element -> deadLetter(element.received, element.id, e, outcome));
      return outcome;
    }
    List<Element> toCompute = new ArrayList<>();
    for (Element element : elements) {
      boolean exists = existing.contains(element.output);
      if (element.ping()) {
        counters.pinged.inc();
        LOG.info("ping {} at {}: output {}", element.id, spec.name(),
            exists ? "exists" : "missing, would run");
        outcome.passed.add(element.passed);
      } else if (exists && !element.force()) {
        counters.skipped.inc();
        outcome.passed.add(element.passed);
      } else {
        toCompute.add(element);
      }
    }
    if (!settings.relay()) {
      toCompute = requestMissingInputs(toCompute, outcome);
    }
    computeAll(toCompute, outcome);
    return outcome;
  }

  /** Computes the elements side by side, as many at once as the job has slots on this worker. */
  private void computeAll(List<Element> toCompute, Outcome outcome) {
    for (Element element : toCompute) {
      // Take the slot before handing the element to a thread, so that a large batch never
      // parks more threads than the job has slots.
      slots.acquireUninterruptibly();
      try {
        element.work = executor.submit(() -> computeAndRelease(element));
      } catch (RuntimeException e) {
        slots.release();
        throw e;
      }
    }
    for (Element element : toCompute) {
      try {
        getUninterruptibly(element.work);
        counters.processed.inc();
        outcome.passed.add(element.passed);
      } catch (ExecutionException e) {
        deadLetter(element.received, element.id, cause(e), outcome);
      } finally {
        counters.storageRequests.inc(element.storageRequests.get());
        counters.retried.inc(element.retries.get());
      }
    }
  }

  /** The checks that need no store; empty if the message ended here (dropped, dead letter). */
  private Optional<Element> admit(KlioMessage message, Outcome outcome) {
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
            "cycle guard: the message already visited " + self.identity() + " " + visits
                + " times (limit " + settings.maxVisits() + ")");
      }
      KlioMessage passed =
          KlioMessages.resumeTopDownAt(KlioMessages.withAudit(message, self, Instant.now()), self);
      String output = Locations.render(spec.output().location(), id, settings.variables());
      return Optional.of(new Element(message, passed, id, output));
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
  private List<Element> requestMissingInputs(List<Element> elements, Outcome outcome) {
    if (elements.isEmpty()) {
      return elements;
    }
    List<String> jobInputs = new ArrayList<>();
    Set<String> existing;
    try {
      for (Element element : elements) {
        for (InputSpec input : spec.inputs()) {
          if (input.fromJob().isPresent()) {
            jobInputs.add(Locations.render(input.location(), element.id, settings.variables()));
          }
        }
      }
      existing = Storage.existing(jobInputs, requests());
    } catch (IOException | RuntimeException e) {
      elements.forEach(element -> deadLetter(element.received, element.id, e, outcome));
      return List.of();
    }
    List<Element> ready = new ArrayList<>();
    for (Element element : elements) {
      Optional<String> missing = Optional.empty();
      for (InputSpec input : spec.inputs()) {
        if (input.fromJob().isPresent()
            && !existing.contains(Locations.render(input.location(), element.id, settings.variables()))) {
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
          deadLetter(element.received, element.id,
              new InputMissingException(route.deadLetterReason()), outcome);
        }
      } else {
        ready.add(element);
      }
    }
    return ready;
  }

  /** Reads, computes and writes one element, then gives back the slot it was started with. */
  private Object computeAndRelease(Element element) throws Exception {
    try {
      compute(element);
      return element.output;
    } finally {
      slots.release();
    }
  }

  private void compute(Element element) throws Exception {
    String id = element.id;
    RequestCounter requests = element.storageRequests::addAndGet;
    List<Object> inputs = new ArrayList<>();
    try {
      for (InputSpec input : spec.inputs()) {
        inputs.add(read(input, id, requests));
      }
      Object result = invokeWithRetries(inputs.toArray(), element);
      if (result == null) {
        throw new JobFailedException("the job method returned null");
      }
      @SuppressWarnings("unchecked")
      Codec<Object> codec = (Codec<Object>) spec.output().codec();
      Storage.writeAtomically(element.output, stream -> codec.encode(result, stream), requests);
      if (result instanceof Path written) {
        Files.deleteIfExists(written); // a returned file is the job's result: stored, then removed
      }
    } finally {
      for (Object input : inputs) {
        if (input instanceof Path local) {
          Files.deleteIfExists(local); // the local copy made for this call
        }
      }
    }
  }

  private Object read(InputSpec input, String id, RequestCounter requests) throws Exception {
    String location = Locations.render(input.location(), id, settings.variables());
    InputStream in;
    requests.add(1);
    try {
      in = Storage.open(location);
    } catch (FileNotFoundException e) {
      throw new InputMissingException(
          "input missing: '" + input.parameter() + "' at " + location
              + input.fromJob()
                  .map(job -> " (output of job '" + job + "'; run bottom-up to make it)")
                  .orElse(" (external data)"));
    }
    try (in) {
      return input.codec().decode(in);
    } catch (IOException e) {
      throw new IOException("cannot read input '" + input.parameter() + "' at " + location + ": "
          + e.getMessage(), e);
    }
  }

  private Object invokeWithRetries(Object[] inputs, Element element) throws Exception {
    String id = element.id;
    JobSettings job = settings.job(spec.name());
    for (int attempt = 0; ; attempt++) {
      Object target = JobInstances.borrow(invoker);
      boolean reusable = true;
      Future<Object> call = executor.submit(() -> invoker.invoke(target, inputs, id));
      Exception failure;
      try {
        return call.get(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        call.cancel(true);
        reusable = false; // a call that ignores the interrupt may still be running on it
        failure = new JobFailedException("timed out after " + job.timeout());
      } catch (ExecutionException e) {
        failure = cause(e);
      } finally {
        if (reusable) {
          JobInstances.giveBack(invoker, target);
        }
      }
      if (attempt >= job.retries()) {
        throw failure;
      }
      element.retries.incrementAndGet();
      LOG.info("{}: attempt {} for {} failed ({}), retrying", spec.name(), attempt + 1, id, failure.toString());
    }
  }

  private RequestCounter requests() {
    return counters.storageRequests::inc;
  }

  private void deadLetter(KlioMessage message, String id, Exception e, Outcome outcome) {
    counters.deadLettered.inc();
    String reason = describe(e);
    LOG.warn("{}: dead letter for {}: {}", spec.name(), id, reason);
    outcome.deadLetters.add(new DeadLetter(spec.name(), id, reason, KlioMessages.toBytes(message)));
  }

  private static Exception cause(ExecutionException e) {
    return e.getCause() instanceof Exception cause
        ? cause
        : new JobFailedException(String.valueOf(e.getCause()));
  }

  private static <T> T getUninterruptibly(Future<T> future) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String describe(Exception e) {
    if (e instanceof InputMissingException || e instanceof JobFailedException
        || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    return e + "\n" + trace;
  }

  /** An input's file does not exist. */
  static final class InputMissingException extends IOException {
    private static final long serialVersionUID = 1L;

    InputMissingException(String message) {
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
