package io.klio.runtime.execution;

import java.util.Comparator;
import java.util.PriorityQueue;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.StringSet;

/**
 * The longest calls of a job method that one worker saw. Each call that enters the worker's top
 * {@value #KEPT} is added to a Beam string-set metric, so that every runner that reports metrics
 * carries them to the launcher with no extra pipeline stage or file: the run's slowest elements are
 * each in their own worker's top when they are seen, so the union holds them all. Ids enter the set
 * only while a worker's top still changes, a few dozen per worker.
 */
final class SlowestElements {
  static final int KEPT = 10;
  static final String METRIC = "slowest-elements";

  private final PriorityQueue<ElementDuration> fastestFirst =
      new PriorityQueue<>(Comparator.comparingLong(ElementDuration::millis));
  private final StringSet reported = Metrics.stringSet(DeadLetterSink.NAMESPACE, METRIC);

  void add(ElementDuration duration) {
    if (fastestFirst.size() == KEPT) {
      if (duration.millis() <= fastestFirst.peek().millis()) {
        return;
      }
      fastestFirst.poll();
    }
    fastestFirst.add(duration);
    reported.add(duration.encode());
  }
}
