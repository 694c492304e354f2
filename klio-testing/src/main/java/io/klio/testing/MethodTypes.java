package io.klio.testing;

import java.util.Map;
import java.util.Optional;

/** Primitive classes and their boxes: a stored {@code int} decodes as an {@code Integer}. */
final class MethodTypes {
  private static final Map<Class<?>, Class<?>> BOXES =
      Map.of(
          boolean.class, Boolean.class,
          byte.class, Byte.class,
          short.class, Short.class,
          char.class, Character.class,
          int.class, Integer.class,
          long.class, Long.class,
          float.class, Float.class,
          double.class, Double.class);

  private MethodTypes() {}

  /**
   * The class a manifest's type name ({@code int}, {@code byte[]}, {@code p.Outer.Inner}) names, if
   * the test's class loader has it; empty for generic types, which are not checked.
   */
  static Optional<Class<?>> forName(String name) {
    if (name.equals("byte[]")) {
      return Optional.of(byte[].class);
    }
    for (Class<?> primitive : BOXES.keySet()) {
      if (primitive.getName().equals(name)) {
        return Optional.of(primitive);
      }
    }
    if (name.contains("<") || name.contains("[")) {
      return Optional.empty();
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    String binary = name;
    while (true) {
      try {
        return Optional.of(Class.forName(binary, false, loader));
      } catch (ClassNotFoundException e) {
        int dot = binary.lastIndexOf('.');
        if (dot < 0) {
          return Optional.empty();
        }
        binary = binary.substring(0, dot) + '$' + binary.substring(dot + 1); // a nested class
      }
    }
  }

  static Class<?> boxed(Class<?> type) {
    return BOXES.getOrDefault(type, type);
  }
}
