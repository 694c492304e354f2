package io.klio.benchmarks;

import java.util.List;

/** A group of measures that {@link Benchmarks} runs and prints as one table. */
public interface Section {
  /** The name that {@code --only} selects, such as {@code dag}. */
  String name();

  /** What the section measures, printed above its rows. */
  String title();

  /** Measures, side by side where a row has a reference. */
  List<Row> run(Context context) throws Exception;
}
