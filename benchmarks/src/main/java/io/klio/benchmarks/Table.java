package io.klio.benchmarks;

import java.util.List;

/** Rows as a Markdown table. */
final class Table {
  private Table() {}

  static String markdown(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| measure | Klio | reference | result | target | met |\n");
    out.append("|---|---:|---:|---:|---|---|\n");
    for (Row row : rows) {
      out.append("| ")
          .append(
              String.join(
                  " | ",
                  row.measure(),
                  row.klio(),
                  row.reference(),
                  row.result(),
                  row.target(),
                  row.verdict().toString()))
          .append(" |\n");
    }
    return out.toString();
  }
}
