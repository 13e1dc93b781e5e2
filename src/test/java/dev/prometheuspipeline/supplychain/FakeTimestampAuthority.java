package dev.prometheuspipeline.supplychain;

import com.sun.net.httpserver.HttpExchange;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 timestamp authority on loopback HTTP: it takes {@code application/timestamp-query} POSTs, and answers
 * {@code application/timestamp-reply} with a token that BouncyCastle's generator signs with the test PKI's TSA key
 * (its certificates included when the request asks for them). A request for another hash than SHA-256 is
 * answered with a rejection, as the generator answers it.
 */
final class FakeTimestampAuthority extends LoopbackService {
  /** Sigstore's timestamp policy OID, as its TSA uses. */
  private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2");

  private final TimeStampResponseGenerator responses;
  private final AtomicLong serial = new AtomicLong();

  FakeTimestampAuthority(SigstoreTestPki pki) throws Exception {
    super("/api/v1/timestamp");
    TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
        new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", pki.tsaKey.getPrivate(),
            pki.tsaChain.get(0)),
        new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
        POLICY);
    tokens.addCertificates(new JcaCertStore(pki.tsaChain));
    responses = new TimeStampResponseGenerator(tokens, java.util.Set.of(TSPAlgorithms.SHA256));
  }

  @Override
  URI url() {
    return super.url().resolve("/api/v1/timestamp");
  }

  @Override
  void handle(HttpExchange exchange) throws Exception {
    if (!exchange.getRequestMethod().equals("POST")
        || !"application/timestamp-query".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
      answers.add("refused: not a POST of application/timestamp-query");
      reply(exchange, 415, "text/plain",
          "POST an application/timestamp-query".getBytes(StandardCharsets.UTF_8));
      return;
    }
    TimeStampRequest request = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
    TimeStampResponse response = responses.generate(request, BigInteger.valueOf(serial.incrementAndGet()),
        new Date());
    answers.add(response.getTimeStampToken() != null
        ? "stamped " + HexFormat.of().formatHex(request.getMessageImprintDigest())
        : "rejected: " + response.getStatusString());
    reply(exchange, 200, "application/timestamp-reply", response.getEncoded());
  }
}
