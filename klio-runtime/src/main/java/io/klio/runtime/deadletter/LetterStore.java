package io.klio.runtime.deadletter;

import io.klio.runtime.storage.FolderListing;
import io.klio.runtime.storage.RequestCounter;
import io.klio.runtime.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads, lists and archives stored dead letters. Listing a folder is one listing (see {@link
 * FolderListing}); a letter's reason is only in its file, so what needs reasons reads every letter,
 * one request each, {@value #READERS} at a time on an object store.
 */
public final class LetterStore {
  /** Letters read at once from an object store, where each read waits on a round trip. */
  static final int READERS = 16;

  private LetterStore() {}

  /** The letter files of a folder, as listed. */
  public static List<FolderListing.Entry> list(String folder, RequestCounter requests)
      throws IOException {
    return FolderListing.list(folder, ".json", requests);
  }

  /** The letter at {@code file}, or empty if there is none. */
  public static Optional<StoredLetter> read(String file, Optional<Instant> written)
      throws IOException {
    byte[] bytes;
    try (InputStream in = Storage.open(file)) {
      bytes = in.readAllBytes();
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    return Optional.of(StoredLetter.parse(file, bytes, written));
  }

  /**
   * The listed letters, newest first; files that vanished since the listing (replayed meanwhile)
   * are left out, files that are not letters fail the read.
   */
  public static List<StoredLetter> readAll(List<FolderListing.Entry> files, RequestCounter requests)
      throws IOException {
    List<StoredLetter> letters = new ArrayList<>();
    boolean local = files.isEmpty() || Storage.isLocal(files.get(0).location());
    ExecutorService readers =
        Executors.newFixedThreadPool(
            local ? 1 : READERS,
            r -> {
              Thread thread = new Thread(r, "klio-deadletters");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Optional<StoredLetter>>> reads = new ArrayList<>();
      for (FolderListing.Entry file : files) {
        reads.add(readers.submit(() -> read(file.location(), file.written())));
      }
      for (Future<Optional<StoredLetter>> read : reads) {
        read.get().ifPresent(letters::add);
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading dead letters", e);
    } finally {
      readers.shutdownNow();
    }
    requests.add(files.size());
    letters.sort(
        Comparator.comparing(StoredLetter::time).reversed().thenComparing(StoredLetter::file));
    return letters;
  }

  /**
   * Moves a letter out of the live folder to {@code archive}: copied first, then deleted, so that a
   * failure in between leaves it in both places, never in neither.
   */
  public static void move(String file, String archive) throws IOException {
    Storage.copy(file, archive);
    Storage.delete(List.of(file), RequestCounter.NONE);
  }
}
