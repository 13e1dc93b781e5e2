package dev.prometheuspipeline.backlog;

import dev.prometheuspipeline.backlog.BacklogProperties.ServiceAccount;
import dev.prometheuspipeline.release.PipelineException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who wrote a backlog row, as far as the row can prove it. A row is signed when its {@code assinatura} is the
 * hex HMAC-SHA256, under a configured service account's secret, of its canonical content
 * {@code tipo \n modo \n origem \n contexto} (an absent {@code modo} is empty), and its {@code origem} names that
 * account. {@code contexto} comes last, as stored: the only field that may hold a newline, so no two rows share
 * a canonical form.
 */
final class RowProofs {
  static final String ALGORITHM = "HmacSHA256";

  private final Map<String, ServiceAccount> accounts;

  RowProofs(Map<String, ServiceAccount> accounts) {
    this.accounts = Map.copyOf(accounts);
  }

  /** The proven writer of a row: a service account and the groups it acts for. */
  record Signer(String account, List<String> groups) {}

  /**
   * The account that signed the row, or empty when the row is unsigned and does not claim an account.
   *
   * @throws NotSignedException when the row carries a proof that does not verify, or claims a service account
   *     in {@code origem} without proving it
   */
  Optional<Signer> signer(BacklogRow row) {
    ServiceAccount account = accounts.get(row.origem());
    if (row.assinatura().isBlank()) {
      if (account != null) {
        throw new NotSignedException("origem names a service account but the row has no assinatura; sign the row"
            + " (HMAC-SHA256 of tipo, modo, origem and contexto with that account's secret, see README: Backlog)");
      }
      return Optional.empty();
    }
    if (account == null) {
      throw new NotSignedException("its origem is not a configured service account; put the account's name in"
          + " origem and sign with its secret");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(row.assinatura().trim().toLowerCase());
    } catch (IllegalArgumentException e) {
      throw new NotSignedException("assinatura is not a hex string; write the HMAC-SHA256 as 64 hex digits");
    }
    if (!MessageDigest.isEqual(given, hmac(account.secret(), canonical(row)))) {
      throw new NotSignedException("assinatura does not match the row's tipo, modo, origem and contexto under the"
          + " secret of service account " + row.origem() + "; sign exactly the stored text with the current secret");
    }
    return Optional.of(new Signer(row.origem(), account.groups()));
  }

  static String canonical(BacklogRow row) {
    return row.tipo() + "\n" + row.modo() + "\n" + row.origem() + "\n" + row.contexto();
  }

  static byte[] hmac(String secret, String content) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM offers no " + ALGORITHM, e);
    }
  }

  /** A row that claims or needs an identity it cannot prove. */
  static final class NotSignedException extends PipelineException {
    NotSignedException(String why) {
      super("not signed by a configured service account: " + why);
    }
  }
}
