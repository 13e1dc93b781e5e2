package dev.prometheuspipeline.command;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The {@code <dir>} operand: a directory that exists, so a typo is a usage error before any work starts. */
final class ExistingDirectory implements ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    Path dir = Path.of(value);
    if (!Files.isDirectory(dir)) {
      throw new TypeConversionException(dir + " is not a directory; give the models' directory");
    }
    return dir;
  }
}
