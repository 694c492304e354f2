package io.klio.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagLayoutTest {
  @Test
  void aDiamondHasThreeRowsWithItsTipsCentredAboveEachOther() {
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    jobs.put("a", List.of());
    jobs.put("b", List.of("a"));
    jobs.put("c", List.of("a"));
    jobs.put("d", List.of("b", "c"));

    DagLayout layout = DagLayout.of(jobs);

    DagLayout.Box a = layout.boxes().get("a");
    DagLayout.Box b = layout.boxes().get("b");
    DagLayout.Box c = layout.boxes().get("c");
    DagLayout.Box d = layout.boxes().get("d");
    assertThat(List.of(a.row(), b.row(), c.row(), d.row())).containsExactly(0, 1, 1, 2);
    assertThat(b.y()).isEqualTo(c.y()).isGreaterThan(a.y());
    assertThat(d.y()).isGreaterThan(b.y());
    assertThat(b.x() + DagLayout.NODE_WIDTH).isLessThanOrEqualTo(c.x()); // side by side
    assertThat(a.centreX()).isEqualTo(d.centreX()).isEqualTo(layout.width() / 2);
    assertThat(layout.width())
        .isEqualTo(2 * DagLayout.MARGIN + 2 * DagLayout.NODE_WIDTH + DagLayout.COLUMN_GAP);
    assertThat(layout.edges())
        .extracting(e -> e.parent() + ">" + e.child())
        .containsExactlyInAnyOrder("a>b", "a>c", "b>d", "c>d");
    DagLayout.Edge ab =
        layout.edges().stream().filter(e -> e.child().equals("b")).findFirst().orElseThrow();
    assertThat(ab.path()) // from the foot of a to the head of b
        .startsWith("M" + a.centreX() + " " + (a.y() + DagLayout.NODE_HEIGHT) + " C")
        .endsWith(b.centreX() + " " + (b.y() - 4));
  }

  @Test
  void aJobSitsInTheRowBelowItsDeepestParent() {
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    jobs.put("root", List.of());
    jobs.put("mid", List.of("root"));
    jobs.put("late", List.of("root", "mid"));
    jobs.put("outside-parent", List.of("not-in-the-run"));

    DagLayout layout = DagLayout.of(jobs);

    assertThat(layout.boxes().get("late").row()).isEqualTo(2);
    assertThat(layout.boxes().get("outside-parent").row()).isZero();
    assertThat(layout.edges()).hasSize(3);
  }

  @Test
  void childrenFollowTheirParentsLeftToRight() {
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    jobs.put("left", List.of());
    jobs.put("right", List.of());
    jobs.put("under-right", List.of("right"));
    jobs.put("under-left", List.of("left"));

    DagLayout layout = DagLayout.of(jobs);

    assertThat(layout.boxes().get("under-left").x())
        .isLessThan(layout.boxes().get("under-right").x());
  }
}
