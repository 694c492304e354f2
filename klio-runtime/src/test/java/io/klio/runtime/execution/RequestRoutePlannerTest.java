package io.klio.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.klio.runtime.codec.Codecs;
import io.klio.runtime.dag.JobGraph;
import io.klio.runtime.job.InputSpec;
import io.klio.runtime.job.JobSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Routes of bottom-up requests over
 *
 * <pre>
 * grandparent ─┬─ parent ─── grandchild (reads parent and grandparent)
 *              └─ uncle
 * top ─┬─ left ──┬─ bottom (reads top)
 *      └─ right ─┘
 * </pre>
 */
class RequestRoutePlannerTest {
  private static final JobGraph GRAPH =
      new JobGraph(
          List.of(
              job("grandparent", List.of()),
              job("parent", List.of("grandparent"), "grandparent"),
              job("uncle", List.of("grandparent"), "grandparent"),
              job("grandchild", List.of("parent"), "parent", "grandparent"),
              job("top", List.of()),
              job("left", List.of("top"), "top"),
              job("right", List.of("top"), "top"),
              job("bottom", List.of("left", "right"), "top")));

  private static JobSpec job(String name, List<String> parents, String... readsFrom) {
    JobSpec.Builder b =
        JobSpec.builder(name, "test.Jobs#" + name).parents(parents.toArray(String[]::new));
    for (String producer : readsFrom) {
      b.input(
          InputSpec.fromJob(
              producer, producer, "/d/" + producer + "/{id}", "java.lang.String", Codecs.utf8()));
    }
    return b.output("/d/" + name + "/{id}", "java.lang.String", Codecs.utf8()).build();
  }

  /** The usual wiring: every job reads its (first) parent's output topic. */
  private static Map<String, JobTopics> wired() {
    Map<String, JobTopics> topics = new HashMap<>();
    topics.put("grandparent", topics("gp-in", "gp-in", "gp-out"));
    topics.put("parent", topics("gp-out", "parent-in", "parent-out"));
    topics.put("uncle", topics("gp-out", "uncle-in", "uncle-out"));
    topics.put("grandchild", topics("parent-out", "grandchild-in", null));
    topics.put("top", topics("top-in", "top-in", "top-out"));
    topics.put("left", topics("top-out", "left-in", "left-out"));
    topics.put("right", topics("top-out", "right-in", "right-out"));
    topics.put("bottom", topics(null, "bottom-in", null));
    return topics;
  }

  private static JobTopics topics(String in, String subscription, String out) {
    return new JobTopics(
        Optional.ofNullable(in), Optional.ofNullable(subscription), Optional.ofNullable(out));
  }

  @Test
  void aRequestToAGrandparentIsAnsweredThroughTheParent() {
    RequestRoutes routes =
        new RequestRoutePlanner(GRAPH, wired()).plan("grandchild", Duration.ofSeconds(30));

    assertThat(routes.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(routes.all())
        .extracting(RequestRoute::ancestor)
        .containsExactly("grandparent", "parent");
    RequestRoute toGrandparent = routes.to("grandparent");
    assertThat(toGrandparent.exists()).isTrue();
    assertThat(toGrandparent.path()).containsExactly("grandparent", "parent", "grandchild");
    assertThat(toGrandparent.topic()).isEqualTo("gp-in");
    RequestRoute toParent = routes.to("parent");
    assertThat(toParent.path()).containsExactly("parent", "grandchild");
    assertThat(toParent.topic()).isEqualTo("gp-out");
  }

  @Test
  void aJobOnThePathThatDoesNotPassMessagesOnLeavesNoRoute() {
    Map<String, JobTopics> topics = wired();
    topics.put("parent", topics("gp-out", "parent-in", null));
    RequestRoute route = new RequestRoutePlanner(GRAPH, topics).route("grandparent", "grandchild");

    assertThat(route.exists()).isFalse();
    assertThat(route.problem())
        .isEqualTo(
            "no DAG path is wired for the answer; on the shortest,"
                + " grandparent → parent → grandchild, 'parent' has no events.outputTopic to pass the answer on");
    assertThat(route.deadLetterReason())
        .startsWith(
            "input missing: job 'grandparent' must produce it,"
                + " but a request cannot reach it and come back to 'grandchild': no DAG path");

    topics.put("parent", topics("gp-out", null, "parent-out"));
    assertThat(new RequestRoutePlanner(GRAPH, topics).route("grandparent", "grandchild").problem())
        .endsWith(
            "'parent' has no events.inputSubscription, so it does not run in per-job mode to"
                + " pass the answer on");
  }

  @Test
  void theAncestorMustReadRequestsAndPublishItsAnswer() {
    Map<String, JobTopics> topics = wired();
    topics.put("grandparent", topics(null, "gp-in", "gp-out"));
    assertThat(new RequestRoutePlanner(GRAPH, topics).route("grandparent", "grandchild").problem())
        .isEqualTo("'grandparent' has no events.inputTopic in klio.yaml to send it to");

    topics.put("grandparent", topics("gp-in", null, "gp-out"));
    assertThat(new RequestRoutePlanner(GRAPH, topics).route("grandparent", "grandchild").problem())
        .isEqualTo(
            "'grandparent' has no events.inputSubscription in klio.yaml, so it does not run"
                + " in per-job mode");

    topics.put("grandparent", topics("gp-in", "gp-in", null));
    assertThat(new RequestRoutePlanner(GRAPH, topics).route("grandparent", "parent").problem())
        .isEqualTo("'grandparent' has no events.outputTopic in klio.yaml to publish its answer to");
  }

  @Test
  void aJobThatReadsAnotherTopicDoesNotHearTheAnswer() {
    Map<String, JobTopics> topics = wired();
    topics.put("grandchild", topics("uncle-out", "grandchild-in", null));
    assertThat(new RequestRoutePlanner(GRAPH, topics).route("parent", "grandchild").problem())
        .endsWith(
            "on the shortest, parent → grandchild, 'grandchild' reads uncle-out"
                + " (events.inputTopic), not parent-out where 'parent' passes the answer on");
  }

  @Test
  void ofTwoPathsTheWiredOneIsTakenAndTiesGoByName() {
    // bottom has no inputTopic: either parent's output might be what it reads; 'left' comes first.
    assertThat(new RequestRoutePlanner(GRAPH, wired()).route("top", "bottom").path())
        .containsExactly("top", "left", "bottom");

    Map<String, JobTopics> topics = wired();
    topics.put("bottom", topics("right-out", "bottom-in", null));
    assertThat(new RequestRoutePlanner(GRAPH, topics).route("top", "bottom").path())
        .containsExactly("top", "right", "bottom");

    topics.put("right", topics("top-out", "right-in", null));
    assertThat(new RequestRoutePlanner(GRAPH, topics).route("top", "bottom").exists()).isFalse();
  }

  @Test
  void jobsWithoutEventsHaveNoRoutes() {
    RequestRoute route = new RequestRoutePlanner(GRAPH, Map.of()).route("parent", "grandchild");
    assertThat(route.exists()).isFalse();
    assertThat(route.problem()).contains("'parent' has no events.inputTopic");
    assertThat(RequestRoutes.NONE.to("parent").exists()).isFalse();
  }
}
