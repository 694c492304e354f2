package io.klio.runtime.provenance;

import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes provenance records in their {@link RecordLayout}: many outputs' at once, and one
 * output's in the order that keeps a crash from leaving a record of other bytes.
 */
public final class RecordStore {
  /** The content of a pending mark; only its name matters. */
  private static final byte[] PENDING =
      "being replaced; the record here does not describe the output\n"
          .getBytes(StandardCharsets.UTF_8);

  private RecordStore() {}

  /**
   * The records of each output: a local output's read directly, object-store outputs' listed for
   * all of them at once ({@link Storage#listDirectories}).
   */
  public static Map<String, OutputRecords> list(Collection<String> outputs, RequestCounter requests)
      throws IOException {
    Map<String, OutputRecords> records = new HashMap<>();
    Map<String, String> byDirectory = new HashMap<>();
    for (String output : new LinkedHashSet<>(outputs)) {
      if (Storage.isLocal(output)) {
        records.put(output, local(output, requests));
      } else {
        byDirectory.put(RecordLayout.directory(output), output);
      }
    }
    if (!byDirectory.isEmpty()) {
      Map<String, List<String>> listed = Storage.listDirectories(byDirectory.keySet(), requests);
      byDirectory.forEach(
          (directory, output) ->
              records.put(output, new OutputRecords(listed.getOrDefault(directory, List.of()))));
    }
    return records;
  }

  /**
   * A local output's record and pending mark, as the names an object store would list: the record
   * is read for its key and running time. One that does not parse (a crash while it was written)
   * counts as no trustworthy record: the output is stale.
   */
  private static OutputRecords local(String output, RequestCounter requests) throws IOException {
    List<String> names = new ArrayList<>();
    requests.add(2);
    if (Storage.exists(RecordLayout.pending(output))) {
      names.add(RecordLayout.PENDING);
    }
    Optional<byte[]> json = Storage.readSmall(RecordLayout.localRecord(output));
    if (json.isEmpty()) {
      return new OutputRecords(names);
    }
    try {
      ProvenanceRecord record = ProvenanceRecord.parse(json.get());
      names.add(RecordLayout.name(record.key(), record.durationMillis()));
    } catch (IOException unreadable) {
      names.add("unreadable.json");
    }
    return new OutputRecords(names);
  }

  /** Where the one record of {@code output} is, if it has one. */
  public static Optional<String> recordLocation(String output, OutputRecords records) {
    if (records.recordName().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Storage.isLocal(output)
            ? RecordLayout.localRecord(output)
            : RecordLayout.directory(output) + records.recordName().get());
  }

  /** Marks {@code output} as being replaced: from now on its records do not describe it. */
  public static void markPending(String output, RequestCounter requests) throws IOException {
    Storage.writeSmall(RecordLayout.pending(output), PENDING, requests);
  }

  /**
   * Writes the record of {@code record.output()} and removes the records it replaces (listed in
   * {@code before}); a local record is written over the old one.
   */
  public static void write(ProvenanceRecord record, OutputRecords before, RequestCounter requests)
      throws IOException {
    String output = record.output();
    String location = RecordLayout.record(output, record.key(), record.durationMillis());
    if (Storage.isLocal(output)) {
      Storage.writeSmall(location, record.toJson(), requests); // in place: the old one is gone
    } else {
      Storage.writeSmall(location, record.toJson(), requests);
      List<String> replaced = new ArrayList<>();
      for (String name : before.names()) {
        String old = RecordLayout.directory(output) + name;
        if (!name.equals(RecordLayout.PENDING) && !old.equals(location)) {
          replaced.add(old);
        }
      }
      if (!replaced.isEmpty()) {
        Storage.delete(replaced, requests);
      }
    }
  }

  /** Removes the pending mark, once the output's new record is written. */
  public static void clearPending(String output, RequestCounter requests) throws IOException {
    Storage.delete(List.of(RecordLayout.pending(output)), requests);
  }
}
