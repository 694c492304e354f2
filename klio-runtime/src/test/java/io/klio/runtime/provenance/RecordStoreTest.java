package io.klio.runtime.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.storage.RequestCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local records: what a listing makes of a record, a pending mark and a record cut short. */
class RecordStoreTest {
  @TempDir Path data;

  private OutputRecords records(String output) throws IOException {
    return RecordStore.list(List.of(output), RequestCounter.NONE).get(output);
  }

  private ProvenanceRecord record(String output, String key, long millis) {
    return new ProvenanceRecord(
        "job",
        "e1",
        output,
        key,
        "f".repeat(64),
        "",
        List.of(),
        Instant.parse("2026-11-30T12:00:00Z"),
        millis,
        3,
        "0".repeat(64),
        "test",
        "0");
  }

  @Test
  void aLocalRecordIsReadForItsKeyAndRunningTime() throws IOException {
    String output = data.resolve("job/e1.txt").toString();
    assertThat(records(output).isEmpty()).isTrue();

    RecordStore.write(record(output, "a".repeat(32), 42), OutputRecords.NONE, RequestCounter.NONE);
    assertThat(data.resolve("job/.klio/e1.txt.json")).isRegularFile();
    assertThat(records(output).key()).contains("a".repeat(32));
    assertThat(records(output).durationMillis()).hasValue(42);
    assertThat(RecordStore.recordLocation(output, records(output)))
        .contains(data.resolve("job/.klio/e1.txt.json").toString());

    // written over: the new key alone
    RecordStore.write(record(output, "b".repeat(32), 7), records(output), RequestCounter.NONE);
    assertThat(records(output).key()).contains("b".repeat(32));
  }

  @Test
  void aPendingMarkOrARecordCutShortLeavesNoKeyToTrust() throws IOException {
    String output = data.resolve("job/e1.txt").toString();
    RecordStore.write(record(output, "a".repeat(32), 42), OutputRecords.NONE, RequestCounter.NONE);

    RecordStore.markPending(output, RequestCounter.NONE);
    assertThat(records(output).pending()).isTrue();
    assertThat(records(output).key()).isEmpty();
    RecordStore.clearPending(output, RequestCounter.NONE);
    assertThat(records(output).key()).contains("a".repeat(32));

    Path file = data.resolve("job/.klio/e1.txt.json");
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length / 2)); // a crash while it was written
    OutputRecords cut = records(output);
    assertThat(cut.isEmpty()).as("not an output without a record").isFalse();
    assertThat(cut.key()).as("no key to trust: stale").isEmpty();
    assertThat(RecordStore.recordLocation(output, cut)).isEmpty();
  }
}
