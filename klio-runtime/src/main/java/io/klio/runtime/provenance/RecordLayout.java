package io.klio.runtime.provenance;

import io.klio.runtime.storage.Locations;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an output's provenance records live: beside it, in a directory of their own. The output
 * {@code D/N} has its records in {@code D/.klio/N/}: {@code <key>-<millis>.json} for the record of
 * the computation that wrote it (its derivation key and how long the job method ran), and {@code
 * pending} while it is being replaced. What decides staleness is in the names, so a listing of
 * the records of many outputs at once answers for all of them; the contents are read only to show
 * an output's lineage.
 */
public final class RecordLayout {
  /** The directory, beside a job's outputs, that holds their records. */
  public static final String DIRECTORY = Locations.RECORDS;
  /** Marks an output that is being replaced: its records no longer describe it. */
  public static final String PENDING = "pending";

  private static final Pattern RECORD = Pattern.compile("([0-9a-f]{32})-(\\d{1,18})\\.json");

  private RecordLayout() {}

  /** The directory of {@code output}'s records, ending in {@code /}. */
  public static String directory(String output) {
    int slash = output.lastIndexOf('/');
    return output.substring(0, slash + 1) + DIRECTORY + "/" + output.substring(slash + 1) + "/";
  }

  public static String record(String output, String key, long durationMillis) {
    return directory(output) + key + "-" + durationMillis + ".json";
  }

  public static String pending(String output) {
    return directory(output) + PENDING;
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
