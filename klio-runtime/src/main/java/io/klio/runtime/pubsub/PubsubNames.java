package io.klio.runtime.pubsub;

import java.util.regex.Pattern;

/**
 * Checks Pub/Sub resource names as klio.yaml gives them: full names, {@code projects/P/topics/T}
 * and {@code projects/P/subscriptions/S}. Pub/Sub wants the last part 3 to 255 characters long,
 * starting with a letter.
 */
public final class PubsubNames {
  private static final String ID = "[A-Za-z][A-Za-z0-9._~+%-]{2,254}";
  private static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/" + ID);
  private static final Pattern SUBSCRIPTION = Pattern.compile("projects/[^/]+/subscriptions/" + ID);

  private PubsubNames() {}

  /** {@code name} if it is a full topic name, else an {@link IllegalArgumentException}. */
  public static String topic(String what, String name) {
    if (!TOPIC.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + ": '"
              + name
              + "' is not a Pub/Sub topic name; write projects/PROJECT/topics/NAME"
              + " (NAME: 3+ characters, starting with a letter)");
    }
    return name;
  }

  /** {@code name} if it is a full subscription name, else an {@link IllegalArgumentException}. */
  public static String subscription(String what, String name) {
    if (!SUBSCRIPTION.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + ": '"
              + name
              + "' is not a Pub/Sub subscription name; write"
              + " projects/PROJECT/subscriptions/NAME (NAME: 3+ characters, starting with a letter)");
    }
    return name;
  }
}
