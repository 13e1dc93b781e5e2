package dev.prometheuspipeline.supplychain;

/** Whether a package ships with the worker; CycloneDX calls these required, optional and excluded. */
enum PackageScope {
  REQUIRED,
  OPTIONAL,
  /** Only for building or testing the worker (npm {@code dev}, Maven {@code test}); not shipped. */
  DEVELOPMENT;

  /** The scope of one package that two workers (or two places in one lock file) name: the one that ships more. */
  PackageScope widest(PackageScope other) {
    return ordinal() <= other.ordinal() ? this : other;
  }
}
