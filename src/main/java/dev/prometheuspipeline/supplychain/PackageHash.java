package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** A digest of a package's archive, as its lock file records it. */
record PackageHash(Algorithm algorithm, String hex) {
  PackageHash {
    requireNonNull(algorithm, "algorithm");
    requireNonNull(hex, "hex");
    hex = hex.toLowerCase(Locale.ROOT);
  }

  /** The algorithms lock files use; each with its name in CycloneDX and in SPDX. */
  enum Algorithm {
    SHA1("SHA-1", "SHA1"),
    SHA256("SHA-256", "SHA256"),
    SHA384("SHA-384", "SHA384"),
    SHA512("SHA-512", "SHA512");

    private final String cyclonedxName;
    private final String spdxName;

    Algorithm(String cyclonedxName, String spdxName) {
      this.cyclonedxName = cyclonedxName;
      this.spdxName = spdxName;
    }

    String cyclonedxName() {
      return cyclonedxName;
    }

    String spdxName() {
      return spdxName;
    }

    /** The algorithm of a Subresource Integrity prefix ({@code sha512}); empty for one we do not know. */
    static Optional<Algorithm> ofSri(String prefix) {
      return switch (prefix.toLowerCase(Locale.ROOT)) {
        case "sha1" -> Optional.of(SHA1);
        case "sha256" -> Optional.of(SHA256);
        case "sha384" -> Optional.of(SHA384);
        case "sha512" -> Optional.of(SHA512);
        default -> Optional.empty();
      };
    }
  }

  static PackageHash of(Algorithm algorithm, byte[] digest) {
    return new PackageHash(algorithm, HexFormat.of().formatHex(digest));
  }
}
