package dev.prometheuspipeline.command;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * A command's arguments, read left to right: options, with their value as the next argument or after
 * {@code =} ({@code --format sarif}, {@code --format=sarif}), and the one operand, the directory.
 */
final class Arguments {
  private final List<String> args;
  private int next;
  private String current = "";

  Arguments(List<String> args) {
    this.args = List.copyOf(args);
  }

  boolean hasNext() {
    return next < args.size();
  }

  /** Moves to the next argument and answers its option name ({@code --format} for {@code --format=x}). */
  String nextName() {
    current = args.get(next++);
    int equals = current.indexOf('=');
    return current.startsWith("--") && equals > 0 ? current.substring(0, equals) : current;
  }

  /** The current argument as it was given. */
  String current() {
    return current;
  }

  /** The current option's value. */
  String value() {
    int equals = current.indexOf('=');
    if (current.startsWith("--") && equals > 0) {
      return current.substring(equals + 1);
    }
    if (!hasNext()) {
      throw new UsageException(current + " needs a value");
    }
    return args.get(next++);
  }

  static Path path(String value, String what) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException(what + ": not a usable path: " + value);
    }
  }

  /** The directory operand: exactly one, and a directory. */
  static Path directory(Path dir) {
    if (dir == null) {
      throw new UsageException("which directory? give the models' directory as the first argument");
    }
    if (!Files.isDirectory(dir)) {
      throw new UsageException(dir + " is not a directory");
    }
    return dir;
  }

  /** A mistake in the arguments: shown with the usage, exit code 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
