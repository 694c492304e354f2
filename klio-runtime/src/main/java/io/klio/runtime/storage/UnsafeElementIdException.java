package io.klio.runtime.storage;

/** An element id that could escape its location; it is never used in a path. */
public final class UnsafeElementIdException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnsafeElementIdException(String id, String problem) {
    super("unsafe element id " + quote(id) + ": " + problem);
  }

  private static String quote(String id) {
    if (id == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    id.codePoints()
        .limit(80)
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append(id.length() > 80 ? "...'" : "'").toString();
  }
}
