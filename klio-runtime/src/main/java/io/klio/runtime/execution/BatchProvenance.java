package io.klio.runtime.execution;

import io.klio.runtime.provenance.DerivationKey;
import io.klio.runtime.provenance.OutputRecords;
import io.klio.runtime.provenance.RecordStore;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one batch has learned about the provenance of its locations: the records of outputs, the
 * stamps of external data, and the keys of the outputs its jobs wrote (or, in a plan, would write).
 * Shared by the jobs of a whole-DAG batch, so a child sees the key its parent just wrote and each
 * directory is listed once per batch.
 */
final class BatchProvenance {
  private final Map<String, OutputRecords> records = new HashMap<>();
  private final Map<String, String> stamps = new HashMap<>();
  private final Map<String, String> written = new HashMap<>();

  /** Reads the records of those {@code outputs} not known yet. */
  void loadRecords(Collection<String> outputs, RequestCounter requests) throws IOException {
    List<String> unknown = new ArrayList<>();
    for (String output : new LinkedHashSet<>(outputs)) {
      if (!records.containsKey(output) && !written.containsKey(output)) {
        unknown.add(output);
      }
    }
    if (!unknown.isEmpty()) {
      records.putAll(RecordStore.list(unknown, requests));
    }
  }

  /** Finds the stamps of those external {@code locations} not known yet. */
  void loadStamps(Collection<String> locations, RequestCounter requests) throws IOException {
    Set<String> unknown = new LinkedHashSet<>(locations);
    unknown.removeAll(stamps.keySet());
    if (unknown.isEmpty()) {
      return;
    }
    Map<String, String> found = Storage.stamps(unknown, requests);
    unknown.forEach(
        location -> stamps.put(location, found.getOrDefault(location, DerivationKey.MISSING)));
  }

  /** The records listed for {@code output}; none if it was not listed. */
  OutputRecords records(String output) {
    return records.getOrDefault(output, OutputRecords.NONE);
  }

  /** The version of a job's output: the key it was written with here, else its record's key. */
  String outputVersion(String output) {
    String key = written.get(output);
    return key != null ? key : records(output).key().orElse(DerivationKey.UNRECORDED);
  }

  /** The stamp of external data ({@link DerivationKey#MISSING} if there is no file). */
  String externalVersion(String location) {
    return stamps.getOrDefault(location, DerivationKey.MISSING);
  }

  /** Notes that this batch wrote (or, in a plan, would write) {@code output} with {@code key}. */
  void wrote(String output, String key) {
    written.put(output, key);
  }

  boolean wroteHere(String output) {
    return written.containsKey(output);
  }
}
