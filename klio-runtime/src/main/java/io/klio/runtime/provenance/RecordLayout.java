package io.klio.runtime.provenance;

import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.Storage;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an output's provenance record lives: beside it, in the directory {@code .klio} of the
 * output's directory, in one of two layouts.
 *
 * <ul>
 *   <li>On an object store, the output {@code D/N} has a directory of records {@code D/.klio/N/}:
 *       {@code <key>-<millis>.json} for the computation that wrote it (its derivation key and how
 *       long the job method ran), and {@code pending} while it is being replaced. What decides
 *       staleness is in the names, so one listing of the records of a batch's outputs answers for
 *       all of them without reading a record.
 *   <li>On a local file system, the record is the file {@code D/.klio/N.json}, written over the old
 *       one, and {@code D/.klio/N.pending} marks a replacement: reading a small file costs as much
 *       as listing a directory there, and a directory per output would cost a block of disk and its
 *       writes per output.
 * </ul>
 */
public final class RecordLayout {
  /** The directory, beside a job's outputs, that holds their records. */
  public static final String DIRECTORY = Locations.RECORDS;

  /** Marks an output that is being replaced: its records no longer describe it. */
  public static final String PENDING = "pending";

  private static final Pattern RECORD = Pattern.compile("([0-9a-f]{32})-(\\d{1,18})\\.json");

  private RecordLayout() {}

  /** The directory of {@code output}'s records on an object store, ending in {@code /}. */
  public static String directory(String output) {
    return recordsPrefix(output) + "/";
  }

  /** Where the record of {@code output} with {@code key} goes. */
  public static String record(String output, String key, long durationMillis) {
    return Storage.isLocal(output)
        ? localRecord(output)
        : directory(output) + name(key, durationMillis);
  }

  /** Where the pending mark of {@code output} goes. */
  public static String pending(String output) {
    return Storage.isLocal(output)
        ? recordsPrefix(output) + "." + PENDING
        : directory(output) + PENDING;
  }

  /** The one record of a local output. */
  static String localRecord(String output) {
    return recordsPrefix(output) + ".json";
  }

  /** A record's name in an object store's layout, and in what {@link OutputRecords} holds. */
  static String name(String key, long durationMillis) {
    return key + "-" + durationMillis + ".json";
  }

  /** {@code D/.klio/N} for the output {@code D/N}. */
  private static String recordsPrefix(String output) {
    int slash = output.lastIndexOf('/');
    return output.substring(0, slash + 1) + DIRECTORY + "/" + output.substring(slash + 1);
  }

  /** The derivation key in a record's file name; empty for any other name. */
  static Optional<String> key(String name) {
    Matcher m = RECORD.matcher(name);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The job method's running time in a record's file name. */
  static OptionalLong durationMillis(String name) {
    Matcher m = RECORD.matcher(name);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(2))) : OptionalLong.empty();
  }
}
