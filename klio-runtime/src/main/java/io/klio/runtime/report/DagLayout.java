package io.klio.runtime.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered top-down drawing of a DAG: each job in the row of its depth (the longest path from a
 * root), rows centred, and a job placed in its row by the mean position of its parents, which keeps
 * most edges short and uncrossed in the DAGs Klio runs. Edges are cubic curves from the bottom of a
 * parent to the top of its child.
 */
public final class DagLayout {
  static final int NODE_WIDTH = 210;
  static final int NODE_HEIGHT = 74;
  static final int COLUMN_GAP = 36;
  static final int ROW_GAP = 56;
  static final int MARGIN = 16;

  /** A node's top-left corner. */
  public record Box(String job, int row, int x, int y) {
    int centreX() {
      return x + NODE_WIDTH / 2;
    }
  }

  /** An edge as SVG path data. */
  public record Edge(String parent, String child, String path) {}

  private final Map<String, Box> boxes;
  private final List<Edge> edges;
  private final int width;
  private final int height;

  private DagLayout(Map<String, Box> boxes, List<Edge> edges, int width, int height) {
    this.boxes = boxes;
    this.edges = edges;
    this.width = width;
    this.height = height;
  }

  /**
   * Lays out {@code jobs}, given in topological order with their parents; parents not among the
   * jobs are left out.
   */
  public static DagLayout of(Map<String, List<String>> jobs) {
    Map<String, Integer> depth = new HashMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, List<String>> job : jobs.entrySet()) {
      int row = 0;
      for (String parent : job.getValue()) {
        if (depth.containsKey(parent)) {
          row = Math.max(row, depth.get(parent) + 1);
        }
      }
      depth.put(job.getKey(), row);
      while (rows.size() <= row) {
        rows.add(new ArrayList<>());
      }
      rows.get(row).add(job.getKey());
    }
    int widest = rows.stream().mapToInt(List::size).max().orElse(0);
    int width = 2 * MARGIN + widest * NODE_WIDTH + Math.max(0, widest - 1) * COLUMN_GAP;
    Map<String, Double> position = new HashMap<>();
    Map<String, Box> boxes = new LinkedHashMap<>();
    for (int row = 0; row < rows.size(); row++) {
      List<String> inRow = rows.get(row);
      for (int i = 0; i < inRow.size(); i++) {
        position.putIfAbsent(inRow.get(i), (double) i);
      }
      for (String job : inRow) {
        List<String> placed = jobs.get(job).stream().filter(position::containsKey).toList();
        if (!placed.isEmpty()) {
          position.put(job, placed.stream().mapToDouble(position::get).average().orElse(0));
        }
      }
      List<String> ordered = new ArrayList<>(inRow);
      ordered.sort(
          Comparator.comparingDouble(position::get)); // stable: ties keep topological order
      int rowWidth = ordered.size() * NODE_WIDTH + (ordered.size() - 1) * COLUMN_GAP;
      int left = (width - rowWidth) / 2;
      for (int i = 0; i < ordered.size(); i++) {
        String job = ordered.get(i);
        position.put(job, (double) i);
        boxes.put(
            job,
            new Box(
                job,
                row,
                left + i * (NODE_WIDTH + COLUMN_GAP),
                MARGIN + row * (NODE_HEIGHT + ROW_GAP)));
      }
    }
    List<Edge> edges = new ArrayList<>();
    for (Map.Entry<String, List<String>> job : jobs.entrySet()) {
      for (String parent : job.getValue()) {
        if (boxes.containsKey(parent)) {
          edges.add(edge(boxes.get(parent), boxes.get(job.getKey())));
        }
      }
    }
    int height = 2 * MARGIN + rows.size() * NODE_HEIGHT + Math.max(0, rows.size() - 1) * ROW_GAP;
    return new DagLayout(boxes, edges, Math.max(width, 2 * MARGIN), height);
  }

  private static Edge edge(Box from, Box to) {
    int x1 = from.centreX();
    int y1 = from.y() + NODE_HEIGHT;
    int x2 = to.centreX();
    int y2 = to.y() - 4; // room for the arrow head
    int middle = (y1 + y2) / 2;
    return new Edge(
        from.job(),
        to.job(),
        "M" + x1 + " " + y1 + " C" + x1 + " " + middle + " " + x2 + " " + middle + " " + x2 + " "
            + y2);
  }

  /** Every job's box, in row order. */
  public Map<String, Box> boxes() {
    return boxes;
  }

  public List<Edge> edges() {
    return edges;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }
}
