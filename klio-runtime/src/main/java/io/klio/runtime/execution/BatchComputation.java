package io.klio.runtime.execution;

import io.klio.codec.Codec;
import io.klio.runtime.execution.JobProcessor.InputMissingException;
import io.klio.runtime.execution.JobProcessor.InputTooLargeException;
import io.klio.runtime.execution.JobProcessor.JobFailedException;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.provenance.ProvenanceRecord;
import io.klio.runtime.provenance.RecordStore;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a batch of a job's elements side by side: reads each element's inputs, calls the job
 * method with the job's timeout and retries, and writes the output atomically, then its provenance
 * record.
 *
 * <p>At most {@code maxConcurrency} calls of a job run at once on a worker (JVM). A batch gets as
 * many pool threads as it can use, and each takes element after element and calls the method on its
 * own thread, so a batch costs a few thread hand-offs rather than several per element. A call that
 * overruns its timeout is abandoned with its thread and its job instance (which is never used
 * again); a fresh thread carries on with the element's next attempt, on inputs read anew, and with
 * the rest of the batch. A failed attempt is retried after an exponential backoff with jitter;
 * meanwhile its thread goes on with the batch's other elements.
 *
 * <p>A call that ignores the interrupt keeps its thread until it returns. So that such calls cannot
 * pile up threads without bound, once as many of a job's calls as it has slots are stuck like this
 * on a worker, the worker starts no new call of the job until one of them ends: the elements are
 * dead-lettered at once with the reason, and the batch moves on.
 */
final class BatchComputation implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BatchComputation.class);

  private final JobSpec spec;
  private final JobInvoker invoker;
  private final RunSettings settings;

  private transient JobSettings job;
  private transient ExecutorService threads;
  private transient Semaphore slots;
  private transient AtomicInteger abandoned;
  private transient int parallelism;

  BatchComputation(JobSpec spec, JobInvoker invoker, RunSettings settings) {
    this.spec = spec;
    this.invoker = invoker;
    this.settings = settings;
  }

  void setUp() {
    job = settings.job(spec.name());
    threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "klio-" + spec.name());
              thread.setDaemon(true);
              return thread;
            });
    parallelism =
        job.maxConcurrency() > 0
            ? job.maxConcurrency()
            : Runtime.getRuntime().availableProcessors();
    slots = ConcurrencyLimits.slots(spec.name(), parallelism);
    abandoned = ConcurrencyLimits.abandoned(spec.name());
  }

  void tearDown() {
    if (threads != null) {
      threads.shutdownNow();
    }
  }

  /** Computes the elements; each one's {@link ElementWork#failure} says whether it failed. */
  void computeAll(List<ElementWork> elements) {
    if (elements.isEmpty()) {
      return;
    }
    ComputeBatch batch = new ComputeBatch(elements);
    for (int i = Math.min(parallelism, elements.size()); i > 0; i--) {
      threads.execute(() -> work(batch));
    }
    batch.awaitDone();
  }

  /** What one attempt at an element came to. */
  private enum Attempt {
    /** Computed, or failed for good. */
    FINISHED,
    /** Failed, and a retry is due after a backoff. */
    RETRY,
    /** Timed out: the watchdog took over the element, and this thread leaves. */
    ABANDONED
  }

  /**
   * Computes the batch's elements one after the other. The thread holds one of the job's slots
   * while it works, not one per element: taking and giving back a slot per element would hand the
   * slot between threads at every element.
   */
  private void work(ComputeBatch batch) {
    slots.acquireUninterruptibly();
    for (ElementWork element = batch.next(slots); element != null; element = batch.next(slots)) {
      Attempt attempt;
      try {
        attempt = attempt(element, batch);
      } catch (Throwable e) { // an Error while writing, say: the element's, and the batch goes on
        element.failure = new JobFailedException(String.valueOf(e));
        attempt = Attempt.FINISHED;
      }
      switch (attempt) {
        case FINISHED -> batch.finished();
        case RETRY -> batch.retryLater(element, backoff(element));
        case ABANDONED -> {
          return; // its slot was given back and another thread carries on
        }
      }
    }
    slots.release();
  }

  /** Reads the element's inputs, calls the method and writes its output. */
  private Attempt attempt(ElementWork element, ComputeBatch batch) {
    int stuck = abandoned.get();
    if (stuck >= parallelism) {
      element.failure =
          new JobFailedException(
              "not run: the calls of job '"
                  + spec.name()
                  + "' stuck past their timeout on this worker ("
                  + stuck
                  + ", as many as it has slots)"
                  + " ignore interrupts, and no new call starts until one of them ends");
      return Attempt.FINISHED;
    }
    RequestCounter requests = element.storageRequests::addAndGet;
    Object[] inputs = new Object[spec.inputs().size()];
    Object target = null;
    try {
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = read(spec.inputs().get(i), element.id, requests);
      }
      target = JobInstances.borrow(invoker);
    } catch (Exception e) {
      deleteLocalCopies(inputs);
      element.failure = e;
      return Attempt.FINISHED;
    }
    CallWatchdog.Call call = CallWatchdog.start(job.timeout(), () -> timedOut(element, batch));
    Object result = null;
    Exception failure = null;
    long started = System.currentTimeMillis();
    long startNanos = System.nanoTime();
    element.attempts.incrementAndGet();
    try {
      result = invoker.invoke(target, inputs, element.id);
    } catch (Exception e) {
      failure = e;
    } catch (Throwable e) { // StackOverflowError and the like: the element's, not the worker's
      failure = new JobFailedException(String.valueOf(e));
    } finally {
      deleteLocalCopies(inputs);
    }
    if (!call.finish()) {
      abandoned.decrementAndGet();
      return Attempt.ABANDONED; // the instance is dropped: the call may have left it broken
    }
    JobInstances.giveBack(invoker, target);
    element.startedMillis = started;
    element.durationMillis = (System.nanoTime() - startNanos) / 1_000_000;
    if (failure != null) {
      return retryAfter(element, failure) ? Attempt.RETRY : Attempt.FINISHED;
    }
    try {
      write(element, result, requests);
    } catch (Exception e) {
      element.failure = e;
    }
    return Attempt.FINISHED;
  }

  /** On the watchdog's thread: the element's call overran, so go on without its thread. */
  private void timedOut(ElementWork element, ComputeBatch batch) {
    if (abandoned.incrementAndGet() == parallelism) {
      LOG.error(
          "{}: as many calls as the job has slots ({}) run past their timeout of {} and"
              + " ignore interrupts; no new call starts on this worker until one of them ends",
          spec.name(),
          parallelism,
          job.timeout());
    }
    slots.release();
    if (retryAfter(element, new JobFailedException("timed out after " + job.timeout()))) {
      batch.retryLater(element, backoff(element));
    } else {
      batch.finished();
    }
    threads.execute(() -> work(batch)); // in place of the abandoned thread
  }

  /** Counts a failed attempt: true if another is due, else the element fails. */
  private boolean retryAfter(ElementWork element, Exception failure) {
    int retries = element.retries.get();
    if (retries >= job.retries()) {
      element.failure = failure;
      return false;
    }
    element.retries.incrementAndGet();
    LOG.info(
        "{}: attempt {} for {} failed ({}), retrying",
        spec.name(),
        retries + 1,
        element.id,
        failure.toString());
    return true;
  }

  private Duration backoff(ElementWork element) {
    return RetryBackoff.delay(job.retryDelay(), element.retries.get());
  }

  private void write(ElementWork element, Object result, RequestCounter requests) throws Exception {
    if (result == null) {
      throw new JobFailedException("the job method returned null");
    }
    @SuppressWarnings("unchecked")
    Codec<Object> codec = (Codec<Object>) spec.output().codec();
    if (element.replacing()) { // its records no longer describe the output from here on
      RecordStore.markPending(element.output, requests);
    }
    Storage.Written written =
        Storage.writeAtomically(element.output, stream -> codec.encode(result, stream), requests);
    if (result instanceof Path file) {
      Files.deleteIfExists(file); // a returned file is the job's result: stored, then removed
    }
    try {
      writeRecord(element, written, requests);
    } catch (IOException | RuntimeException e) {
      throw new IOException("the output was written, but not its provenance record: " + e, e);
    }
  }

  /**
   * Writes the output's record, which replaces the old ones, and last removes the pending mark: a
   * crash at any point leaves the mark, no record (a new output), or only records that describe the
   * output.
   */
  private void writeRecord(ElementWork element, Storage.Written written, RequestCounter requests)
      throws IOException {
    RecordStore.write(
        new ProvenanceRecord(
            spec.name(),
            element.id,
            element.output,
            element.key,
            spec.fingerprint(),
            spec.version(),
            element.inputVersions,
            Instant.ofEpochMilli(element.startedMillis),
            element.durationMillis,
            written.bytes(),
            written.sha256(),
            settings.provenance().runner(),
            ProvenanceRecord.KLIO_VERSION),
        element.records,
        requests);
    if (element.replacing()) {
      RecordStore.clearPending(element.output, requests);
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
          "input missing: '"
              + input.parameter()
              + "' at "
              + location
              + input
                  .fromJob()
                  .map(job -> " (output of job '" + job + "'; run bottom-up to make it)")
                  .orElse(" (external data)"));
    }
    long limit = job.maxInputBytes();
    SizeLimitedInputStream bounded =
        limit > 0 ? new SizeLimitedInputStream(in, limit, location) : null;
    try (InputStream source = bounded != null ? bounded : in) {
      return input.codec().decode(source);
    } catch (IOException | RuntimeException e) {
      if (bounded != null && bounded.exceeded()) { // whatever the codec made of the cut-off input
        throw new InputTooLargeException(
            "input '" + input.parameter() + "' at " + bounded.reason());
      }
      throw new IOException(
          "cannot read input '"
              + input.parameter()
              + "' at "
              + location
              + ": "
              + (e.getMessage() != null ? e.getMessage() : e.toString()),
          e);
    }
  }

  /** Deletes the local copies made for a call. */
  private static void deleteLocalCopies(Object[] inputs) {
    for (Object input : inputs) {
      if (input instanceof Path local) {
        try {
          Files.deleteIfExists(local);
        } catch (IOException e) {
          LOG.warn("cannot delete the temporary copy {}: {}", local, e.toString());
        }
      }
    }
  }
}
