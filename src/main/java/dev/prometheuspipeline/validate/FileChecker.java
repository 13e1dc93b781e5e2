package dev.prometheuspipeline.validate;

import java.util.List;

/**
 * The checks of one artifact type. Each returns every problem it finds; none throws for a bad file.
 * Lint rules of a type grow here, one checker per type.
 */
interface FileChecker {
  List<Finding> check(CheckedFile file);
}
