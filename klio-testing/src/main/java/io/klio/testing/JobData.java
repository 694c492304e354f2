package io.klio.testing;

import io.klio.codec.Codec;
import io.klio.runtime.storage.Locations;
import io.klio.runtime.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * The data at one location template of a job (an external input or its output), per element id:
 * written and read with the job's own codec, at the location the template gives for an id and the
 * run's variables.
 */
public final class JobData {
  private final String description;
  private final String template;
  private final String type;
  private final Codec<?> codec;
  private final Supplier<Map<String, String>> variables;

  JobData(
      String description,
      String template,
      String type,
      Codec<?> codec,
      Supplier<Map<String, String>> variables) {
    this.description = description;
    this.template = template;
    this.type = type;
    this.codec = codec;
    this.variables = variables;
  }

  /** The location template, as compiled. */
  public String template() {
    return template;
  }

  /** The Java type stored here, as the manifest names it. */
  public String type() {
    return type;
  }

  /** Where the data of {@code id} is: the template with the id and the variables. */
  public String location(String id) {
    return Locations.render(template, id, variables.get());
  }

  /** Stores {@code value} for {@code id}, encoded as the job reads or writes it. */
  public JobData put(String id, Object value) {
    write(id, out -> encode(value, out));
    return this;
  }

  /** Stores these bytes as they are for {@code id}: for data no codec would make (a bad file). */
  public JobData putBytes(String id, byte[] bytes) {
    write(id, out -> out.write(bytes));
    return this;
  }

  /** Stores a copy of {@code file} for {@code id}. */
  public JobData putFile(String id, Path file) {
    write(id, out -> Files.copy(file, out));
    return this;
  }

  /** Whether there is data for {@code id}. */
  public boolean exists(String id) {
    try {
      return Storage.exists(location(id));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for " + location(id), e);
    }
  }

  /** The stored bytes of {@code id}; fails the test if there are none. */
  public byte[] bytes(String id) {
    try (InputStream in = open(id)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location(id), e);
    }
  }

  /** The value stored for {@code id}, decoded; fails the test if there is none. */
  public Object get(String id) {
    try (InputStream in = open(id)) {
      return codec.decode(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot decode the "
              + description
              + " for id '"
              + id
              + "' at "
              + location(id)
              + " as a "
              + type
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The value stored for {@code id} as a {@code type}; fails the test if there is none. */
  public <T> T get(String id, Class<T> type) {
    Object value = get(id);
    Class<?> boxed = MethodTypes.boxed(type);
    if (!boxed.isInstance(value)) {
      throw new ClassCastException(
          "the "
              + description
              + " is stored as a "
              + this.type
              + " (read: "
              + value.getClass().getName()
              + "), not a "
              + type.getName());
    }
    @SuppressWarnings("unchecked") // checked just above, also for primitives by their boxes
    T typed = (T) value;
    return typed;
  }

  private InputStream open(String id) throws IOException {
    String location = location(id);
    try {
      return Storage.open(location);
    } catch (FileNotFoundException e) {
      throw new AssertionFailedError(
          "no " + description + " for id '" + id + "': nothing at " + location);
    }
  }

  @SuppressWarnings("unchecked") // the codec's type is only known at run time: checked first
  private void encode(Object value, java.io.OutputStream out) throws IOException {
    boolean fits =
        value != null
            && MethodTypes.forName(type)
                .map(c -> MethodTypes.boxed(c).isInstance(value))
                .orElse(true);
    if (!fits) {
      throw new IllegalArgumentException(
          "the "
              + description
              + " is a "
              + type
              + ", not a "
              + (value == null ? "null" : value.getClass().getName()));
    }
    try {
      ((Codec<Object>) codec).encode(value, out);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(
          "the "
              + description
              + " is a "
              + type
              + ", not a "
              + (value == null ? "null" : value.getClass().getName()),
          e);
    }
  }

  private void write(String id, Storage.Writer writer) {
    String location = location(id);
    try {
      Storage.writeAtomically(location, writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + location, e);
    }
  }

  @Override
  public String toString() {
    return description + " at " + template;
  }
}
