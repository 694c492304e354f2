package io.klio.runtime.execution;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch's elements, handed out one at a time to the threads that compute it: first each element
 * once, then the elements whose retry is due. A thread with nothing else to do waits for the next
 * retry without holding its slot.
 */
final class ComputeBatch {
  private final List<ElementWork> elements;
  private final AtomicInteger next = new AtomicInteger();
  private final DelayQueue<Retry> retries = new DelayQueue<>();
  private final CountDownLatch done;

  ComputeBatch(List<ElementWork> elements) {
    this.elements = elements;
    this.done = new CountDownLatch(elements.size());
  }

  /** An element to compute, or null once every element is taken. */
  ElementWork next(Semaphore slots) {
    int i = next.getAndIncrement();
    if (i < elements.size()) {
      return elements.get(i);
    }
    while (true) {
      Retry due = retries.poll();
      if (due != null) {
        return due.element;
      }
      Retry head = retries.peek();
      if (head == null) {
        return null; // whoever defers an element later takes it up itself
      }
      slots.release();
      try {
        due = retries.poll(head.getDelay(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        due = retries.poll(); // shutting down: take what is due, if anything, and leave
        if (due == null) {
          slots.acquireUninterruptibly();
          return null;
        }
      }
      slots.acquireUninterruptibly();
      if (due != null) {
        return due.element;
      }
    }
  }

  /** Hands the element out again after {@code delay}. */
  void retryLater(ElementWork element, Duration delay) {
    retries.add(new Retry(element, System.nanoTime() + delay.toNanos()));
  }

  /** The element has its outcome: computed, or failed for good. */
  void finished() {
    done.countDown();
  }

  void awaitDone() {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private record Retry(ElementWork element, long dueNanos) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(dueNanos, ((Retry) other).dueNanos);
    }
  }
}
