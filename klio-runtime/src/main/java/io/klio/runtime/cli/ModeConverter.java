package io.klio.runtime.cli;

import io.klio.runtime.execution.RunRequest;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --mode top-down|bottom-up}: the flag's spelling of {@link RunRequest.Mode}. */
final class ModeConverter implements ITypeConverter<RunRequest.Mode>, Iterable<String> {
  @Override
  public RunRequest.Mode convert(String value) {
    for (RunRequest.Mode mode : RunRequest.Mode.values()) {
      if (mode.flag().equals(value)) {
        return mode;
      }
    }
    throw new TypeConversionException("'" + value + "': use top-down or bottom-up");
  }

  /** The values, for help and shell completion. */
  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(RunRequest.Mode.values()).map(RunRequest.Mode::flag).iterator();
  }
}
