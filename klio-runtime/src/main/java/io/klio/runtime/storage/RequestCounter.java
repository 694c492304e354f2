package io.klio.runtime.storage;

/**
 * Receives how many requests a storage operation sent to its store, so that a job can count them
 * (the {@code storage-requests} counter).
 */
@FunctionalInterface
public interface RequestCounter {
  /** Counts nothing. */
  RequestCounter NONE = requests -> {};

  void add(long requests);
}
