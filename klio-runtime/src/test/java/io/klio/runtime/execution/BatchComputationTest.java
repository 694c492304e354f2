package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.codec.Codecs;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobInvoker;
import io.klio.runtime.job.JobSpec;
import io.klio.runtime.message.KlioMessages;
import io.klio.runtime.message.proto.KlioMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch's elements computed side by side, with calls that overrun their timeout. */
class BatchComputationTest {
  private static final AtomicInteger JOBS = new AtomicInteger();
  @TempDir Path data;

  /** A job name of its own per test: the bounds of a job are shared by the whole JVM. */
  private final String name = "spin-" + JOBS.incrementAndGet();

  /** Lets a call that ignores interrupts end, once the test has seen what it needs. */
  private final AtomicBoolean release = new AtomicBoolean();

  @AfterEach
  void releaseStuckCalls() {
    release.set(true);
  }

  /**
   * A job whose first call for "stuck" spins, deaf to interrupts, until released; it records the
   * instance (target) of every call and whether its input file was still there when it ended.
   */
  private final class Spinning implements JobInvoker {
    final AtomicInteger built = new AtomicInteger();
    final Map<Object, Set<String>> callsPerInstance = new ConcurrentHashMap<>();
    final AtomicInteger stuckCalls = new AtomicInteger();
    final CountDownLatch stuckCallEnded = new CountDownLatch(1);
    volatile boolean stuckInputStillThere;
    volatile Object stuckInstance;
    final boolean stuckEveryTime;

    Spinning(boolean stuckEveryTime) {
      this.stuckEveryTime = stuckEveryTime;
    }

    @Override
    public Object newTarget() {
      return new Object[] {built.incrementAndGet()};
    }

    @Override
    public Object invoke(Object target, Object[] inputs, String id) {
      callsPerInstance
          .computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet())
          .add(id + "#" + System.nanoTime());
      if (id.equals("stuck") && (stuckCalls.incrementAndGet() == 1 || stuckEveryTime)) {
        stuckInstance = target;
        while (!release.get()) {
          Thread.onSpinWait(); // ignores interrupts, like a native call or a busy loop
        }
        stuckInputStillThere = Files.exists((Path) inputs[0]);
        stuckCallEnded.countDown();
        return "late " + id;
      }
      return "done " + id;
    }
  }

  /** The call an instance served last, as "id#nanoTime". */
  private static String lastCallOn(Spinning job, Object instance) {
    return job.callsPerInstance.get(instance).stream()
        .max(
            java.util.Comparator.comparingLong(
                call -> Long.parseLong(call.substring(call.indexOf('#') + 1))))
        .orElseThrow();
  }

  private JobSpec spec() {
    return JobSpec.builder(name, "test.Jobs#spin")
        .input(
            InputSpec.external(
                "in", "${data}/in/{id}.bin", "java.nio.file.Path", Codecs.localFile()))
        .output("${data}/spin/{id}.txt", "java.lang.String", Codecs.utf8())
        .build();
  }

  private List<ElementWork> elements(String... ids) throws Exception {
    List<ElementWork> elements = new ArrayList<>();
    for (String id : ids) {
      Files.createDirectories(data.resolve("in"));
      Files.writeString(data.resolve("in/" + id + ".bin"), "input of " + id);
      KlioMessage message = KlioMessages.topDown(id, false, false);
      elements.add(
          new ElementWork(message, message, id, data.resolve("spin/" + id + ".txt").toString()));
    }
    return elements;
  }

  private BatchComputation computation(JobInvoker invoker, int retries, int maxConcurrency) {
    return computation(
        invoker,
        new JobSettings(
            Duration.ofMillis(300),
            retries,
            Duration.ofMillis(10),
            Optional.empty(),
            maxConcurrency,
            0));
  }

  private BatchComputation computation(JobInvoker invoker, JobSettings job) {
    RunSettings settings =
        new RunSettings(Map.of("data", data.toString()), Map.of(name, job), true, "");
    BatchComputation computation = new BatchComputation(spec(), invoker, settings);
    computation.setUp();
    return computation;
  }

  @Test
  void aCallThatIgnoresItsTimeoutIsAbandonedAndTheBatchGoesOn() throws Exception {
    Spinning job = new Spinning(false);
    BatchComputation computation = computation(job, 1, 2);
    List<ElementWork> batch = elements("stuck", "a", "b", "c");

    computation.computeAll(batch);

    // The watchdog gave up on the stuck call, and a fresh thread retried it.
    assertThat(batch).allSatisfy(e -> assertThat(e.failure).isNull());
    assertThat(batch.get(0).retries).hasValue(1);
    assertThat(data.resolve("spin/stuck.txt")).hasContent("done stuck");
    assertThat(data.resolve("spin/c.txt")).hasContent("done c");

    // The abandoned call's instance served no call after it, and its input was left to it.
    assertThat(lastCallOn(job, job.stuckInstance)).startsWith("stuck#");
    assertThat(job.callsPerInstance).hasSizeGreaterThan(1);
    release.set(true);
    assertThat(job.stuckCallEnded.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(job.stuckInputStillThere).isTrue();
    // What the abandoned call returned in the end is not stored.
    Thread.sleep(100);
    assertThat(data.resolve("spin/stuck.txt")).hasContent("done stuck");
    computation.tearDown();
  }

  @Test
  void aCallThatTimesOutEveryTimeFailsAfterItsRetriesAlone() throws Exception {
    Spinning job = new Spinning(true);
    BatchComputation computation = computation(job, 2, 3);
    List<ElementWork> batch = elements("a", "stuck", "b", "c", "d");

    computation.computeAll(batch);

    assertThat(batch.get(1).failure).hasMessage("timed out after PT0.3S");
    assertThat(batch.get(1).retries).hasValue(2);
    assertThat(job.stuckCalls).hasValue(3);
    assertThat(batch)
        .filteredOn(e -> !e.id.equals("stuck"))
        .allSatisfy(e -> assertThat(e.failure).isNull());
    assertThat(data.resolve("spin/stuck.txt")).doesNotExist();
    computation.tearDown();
  }

  @Test
  void elementsOfABatchRunSideBySideOnItsSlots() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    JobInvoker tracking =
        (target, inputs, id) -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          Thread.sleep(50);
          running.decrementAndGet();
          return "done " + id;
        };
    BatchComputation computation = computation(tracking, 0, 3);
    List<ElementWork> batch = elements("a", "b", "c", "d", "e", "f", "g", "h");

    computation.computeAll(batch);

    assertThat(most).hasValue(3);
    assertThat(batch).allSatisfy(e -> assertThat(e.failure).isNull());
    computation.tearDown();
  }

  @Test
  void callsStuckPastTheirTimeoutAreBoundedByTheSlotsAndTheBatchStillEnds() throws Exception {
    AtomicInteger stuck = new AtomicInteger();
    JobInvoker hanging =
        (target, inputs, id) -> {
          if (id.startsWith("hang")) {
            stuck.incrementAndGet();
            while (!release.get()) {
              Thread.onSpinWait();
            }
            stuck.decrementAndGet();
          }
          return "done " + id;
        };
    BatchComputation computation = computation(hanging, 1, 2);
    List<ElementWork> batch = elements("hang1", "hang2", "hang3", "hang4", "a");

    computation.computeAll(batch); // returns: no element waits for a stuck call

    // Two slots: once two calls are stuck no new call starts, so fewer than twice the slots are
    // (a call may start just before the second one is found stuck). Nothing is lost.
    assertThat(stuck.get()).isBetween(2, 3);
    assertThat(batch).allSatisfy(e -> assertThat(e.failure).isNotNull());
    assertThat(batch.get(4).failure)
        .hasMessageStartingWith(
            "not run: the calls of job '"
                + name
                + "' stuck past their timeout"
                + " on this worker (")
        .hasMessageContaining(", as many as it has slots) ignore interrupts");

    // Once the stuck calls end, the job runs again.
    release.set(true);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ConcurrencyLimits.abandoned(name).get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<ElementWork> next = elements("a");
    computation.computeAll(next);
    assertThat(next.get(0).failure).isNull();
    assertThat(data.resolve("spin/a.txt")).hasContent("done a");
    computation.tearDown();
  }

  @Test
  void retriesBackOffExponentiallyWithoutHoldingTheSlotThenFail() throws Exception {
    Map<String, List<Long>> attempts = new ConcurrentHashMap<>();
    JobInvoker flaky =
        (target, inputs, id) -> {
          List<Long> times =
              attempts.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
          times.add(System.nanoTime());
          if (id.equals("never") || id.equals("flaky") && times.size() <= 3) {
            throw new IllegalStateException("attempt " + times.size() + " fails");
          }
          return "done " + id;
        };
    BatchComputation computation =
        computation(
            flaky,
            new JobSettings(
                Duration.ofSeconds(10), 3, Duration.ofMillis(200), Optional.empty(), 1, 0));
    List<ElementWork> batch = elements("flaky", "a", "b", "never");

    computation.computeAll(batch);

    assertThat(batch.subList(0, 3)).allSatisfy(e -> assertThat(e.failure).isNull());
    // One that keeps failing fails after its retries, with the last attempt's exception.
    assertThat(batch.get(3).failure).hasMessage("attempt 4 fails");
    assertThat(attempts.get("never")).hasSize(4);
    List<Long> times = attempts.get("flaky");
    assertThat(times).hasSize(4);
    // Retry n waits between half of and all of 200 ms * 2^(n-1).
    assertThat(times.get(1) - times.get(0))
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(times.get(2) - times.get(1))
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(times.get(3) - times.get(2))
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
    // One slot and one thread, yet the other elements ran while "flaky" waited for its retry.
    assertThat(attempts.get("b").get(0)).isLessThan(times.get(1));
    computation.tearDown();
  }

  @Test
  void anInputOverTheJobsSizeLimitFailsItsElementWithTheReason() throws Exception {
    JobInvoker echo = (target, inputs, id) -> "read " + Files.size((Path) inputs[0]) + " bytes";
    BatchComputation computation =
        computation(
            echo,
            new JobSettings(
                Duration.ofSeconds(10), 2, Duration.ofMillis(10), Optional.empty(), 1, 16));
    List<ElementWork> batch = elements("small", "large");
    Files.write(data.resolve("in/small.bin"), new byte[16]);
    Files.write(data.resolve("in/large.bin"), new byte[17]);

    computation.computeAll(batch);

    assertThat(batch.get(0).failure).isNull();
    assertThat(data.resolve("spin/small.txt")).hasContent("read 16 bytes");
    assertThat(batch.get(1).failure)
        .isInstanceOf(JobProcessor.InputTooLargeException.class)
        .hasMessage(
            "input 'in' at "
                + data.resolve("in/large.bin")
                + " has more than 16 bytes (the job's maxInputBytes)");
    assertThat(batch.get(1).retries).hasValue(0); // too large stays too large
    computation.tearDown();
  }
}
