package io.klio.runtime.execution;

import io.klio.runtime.codec.Codec;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.message.JobRef;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job on one message at a time (SPEC §6): recipients, ping, skip when the output exists,
 * read inputs, call the method with the job's timeout and retries, write the output atomically,
 * pass the message on. Every failure becomes a dead letter; nothing stops the job.
 */
final class JobDoFn extends DoFn<KlioMessage, KlioMessage> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(JobDoFn.class);

  private final JobSpec spec;
  private final JobInvoker invoker;
  private final RunSettings settings;
  private final JobRef self;

  private transient JobCounters counters;
  private transient Object target;
  private transient ExecutorService executor;

  JobDoFn(JobSpec spec, JobInvoker invoker, RunSettings settings) {
    this.spec = spec;
    this.invoker = invoker;
    this.settings = settings;
    this.self = new JobRef(spec.name(), settings.gcpProject());
  }

  @Setup
  public void setUp() throws Exception {
    counters = new JobCounters(spec.name());
    target = invoker.newTarget();
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "klio-" + spec.name());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Teardown
  public void tearDown() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @ProcessElement
  public void process(@Element KlioMessage message, MultiOutputReceiver out) {
    String id = null;
    try {
      id = KlioMessages.elementId(message);
      Locations.checkElementId(id);
      if (!KlioMessages.isRecipient(message, self)) {
        if (settings.relay()) {
          counters.passedOn.inc();
          out.get(JobExecution.PASSED).output(message);
        } else {
          counters.dropped.inc();
          LOG.debug("{}: dropped {}, addressed to other jobs", spec.name(), id);
        }
        return;
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
      boolean force = message.getMetadata().getForce();
      if (message.getMetadata().getPing()) {
        counters.pinged.inc();
        LOG.info(
            "ping {} at {}: output {}",
            id,
            spec.name(),
            Storage.exists(output) ? "exists" : "missing, would run");
        out.get(JobExecution.PASSED).output(passed);
        return;
      }
      if (!force && Storage.exists(output)) {
        counters.skipped.inc();
        out.get(JobExecution.PASSED).output(passed);
        return;
      }
      Optional<String> missingParent = settings.relay() ? Optional.empty() : missingJobInput(id);
      if (missingParent.isPresent()) {
        // Per-job mode: ask the producing job, along a DAG path that brings its answer back here.
        RequestRoute route = settings.requestRoutes().to(missingParent.get());
        if (!route.exists()) {
          throw new InputMissingException(route.deadLetterReason());
        }
        counters.requestedUpstream.inc();
        out.get(JobExecution.UPSTREAM_REQUESTS)
            .output(KV.of(route.ancestor(), route.address(passed, settings.gcpProject())));
        return;
      }
      run(id, output);
      counters.processed.inc();
      out.get(JobExecution.PASSED).output(passed);
    } catch (Exception e) {
      counters.deadLettered.inc();
      String reason = describe(e);
      LOG.warn("{}: dead letter for {}: {}", spec.name(), id, reason);
      out.get(JobExecution.DEAD_LETTERS)
          .output(new DeadLetter(spec.name(), id, reason, KlioMessages.toBytes(message)));
    }
  }

  /** The first input produced by a Klio job whose output is missing for {@code id}. */
  private Optional<String> missingJobInput(String id) throws IOException {
    for (InputSpec input : spec.inputs()) {
      if (input.fromJob().isPresent()
          && !Storage.exists(Locations.render(input.location(), id, settings.variables()))) {
        return input.fromJob();
      }
    }
    return Optional.empty();
  }

  private void run(String id, String output) throws Exception {
    List<Object> inputs = new ArrayList<>();
    try {
      for (InputSpec input : spec.inputs()) {
        inputs.add(read(input, id));
      }
      Object result = invokeWithRetries(inputs.toArray(), id);
      if (result == null) {
        throw new JobFailedException("the job method returned null");
      }
      @SuppressWarnings("unchecked")
      Codec<Object> codec = (Codec<Object>) spec.output().codec();
      Storage.writeAtomically(output, stream -> codec.encode(result, stream));
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

  private Object read(InputSpec input, String id) throws Exception {
    String location = Locations.render(input.location(), id, settings.variables());
    if (!Storage.exists(location)) {
      throw new InputMissingException(
          "input missing: '" + input.parameter() + "' at " + location
              + input.fromJob()
                  .map(job -> " (output of job '" + job + "'; run bottom-up to make it)")
                  .orElse(" (external data)"));
    }
    try (InputStream in = Storage.open(location)) {
      return input.codec().decode(in);
    } catch (IOException e) {
      throw new IOException("cannot read input '" + input.parameter() + "' at " + location + ": "
          + e.getMessage(), e);
    }
  }

  private Object invokeWithRetries(Object[] inputs, String id) throws Exception {
    JobSettings job = settings.job(spec.name());
    for (int attempt = 0; ; attempt++) {
      Future<Object> call = executor.submit(() -> invoker.invoke(target, inputs, id));
      Exception failure;
      try {
        return call.get(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        call.cancel(true);
        failure = new JobFailedException("timed out after " + job.timeout());
      } catch (ExecutionException e) {
        failure = e.getCause() instanceof Exception cause ? cause : new JobFailedException(e.getCause().toString());
      }
      if (attempt >= job.retries()) {
        throw failure;
      }
      counters.retried.inc();
      LOG.info("{}: attempt {} for {} failed ({}), retrying", spec.name(), attempt + 1, id, failure.toString());
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
