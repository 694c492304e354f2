package io.klio.runtime.report;

import io.klio.runtime.deadletter.LetterFiles;
import io.klio.runtime.deadletter.LetterStore;
import io.klio.runtime.deadletter.StoredLetter;
import io.klio.runtime.storage.FolderListing;
import io.klio.runtime.storage.RequestCounter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dead letters a run stored for one job, those written since the run started, read as {@code
 * deadletters list} reads them. A file that is not a letter is left out of the page.
 */
final class DeadLetterFiles {
  /** File times and this machine's clock may differ by a little. */
  private static final long CLOCK_SLACK_MILLIS = 2_000;

  /** A stored letter, as much of it as the report needs. */
  record Letter(String job, String element, String summary, int attempts) {}

  /** The letters found, and how many more files there were than were read. */
  record Found(List<Letter> letters, long unread) {}

  private DeadLetterFiles() {}

  /**
   * The letters in {@code location}'s folder for {@code job} written at or after {@code
   * sinceMillis}, at most {@code limit} of them read; their summaries name the element {@code
   * {id}}, so that the letters of one cause group together.
   */
  static Found read(String location, String job, long sinceMillis, int limit) throws IOException {
    Instant since = Instant.ofEpochMilli(sinceMillis - CLOCK_SLACK_MILLIS);
    List<Letter> letters = new ArrayList<>();
    long unread = 0;
    for (FolderListing.Entry file :
        LetterStore.list(LetterFiles.folder(location, job), RequestCounter.NONE)) {
      if (file.written().isPresent() && file.written().get().isBefore(since)) {
        continue;
      }
      if (letters.size() >= limit) {
        unread++;
        continue;
      }
      try {
        LetterStore.read(file.location(), file.written())
            .map(DeadLetterFiles::letter)
            .ifPresent(letters::add);
      } catch (IOException notALetter) {
        // the page shows letters; deadletters list names files that are not
      }
    }
    return new Found(letters, unread);
  }

  private static Letter letter(StoredLetter stored) {
    return new Letter(
        stored.job(),
        stored.element() == null ? "" : stored.element(),
        stored.groupedSummary(),
        stored.attempts());
  }
}
