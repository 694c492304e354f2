package io.klio.runtime.provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An output's records and pending mark, by name: as an object store lists its record directory, or
 * as {@link RecordStore} makes them of a local output's record file.
 */
public final class OutputRecords {
  public static final OutputRecords NONE = new OutputRecords(List.of());

  private final List<String> names;

  public OutputRecords(List<String> names) {
    this.names = List.copyOf(names);
  }

  /** Every file in the directory, records or not: what replacing the output deletes. */
  public List<String> names() {
    return names;
  }

  public boolean isEmpty() {
    return names.isEmpty();
  }

  public boolean pending() {
    return names.contains(RecordLayout.PENDING);
  }

  /** The record names, one per derivation key found. */
  public List<String> records() {
    List<String> records = new ArrayList<>();
    names.forEach(name -> RecordLayout.key(name).ifPresent(key -> records.add(name)));
    return records;
  }

  /**
   * The derivation key of the output: present when exactly one record describes it and it is not
   * being replaced. Two records mean two runs wrote the output at once; neither can be trusted.
   */
  public Optional<String> key() {
    List<String> records = records();
    return records.size() == 1 && !pending() ? RecordLayout.key(records.get(0)) : Optional.empty();
  }

  /** The recorded running time of the job method, if the output has one record. */
  public OptionalLong durationMillis() {
    List<String> records = records();
    return records.size() == 1 ? RecordLayout.durationMillis(records.get(0)) : OptionalLong.empty();
  }

  /** The record's file name, if the output has exactly one. */
  public Optional<String> recordName() {
    List<String> records = records();
    return records.size() == 1 ? Optional.of(records.get(0)) : Optional.empty();
  }
}
