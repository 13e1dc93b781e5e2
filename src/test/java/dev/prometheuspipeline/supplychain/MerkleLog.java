package dev.prometheuspipeline.supplychain;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * The tree behind a fake transparency log: RFC 6962 leaf and node hashes, audit paths, and checkpoints signed as
 * notes the way sigstore-java reads them. Rekor v1 and v2 fakes each keep one.
 */
final class MerkleLog {
  private final List<byte[]> leaves = new ArrayList<>();
  private final KeyPair key;
  private final String origin;

  /**
   * A log never starts empty for its clients, and sigstore-java's bundle writer cannot write an entry at index 0
   * (proto3 leaves a zero log index and an empty proof out, then calls the required fields missing).
   */
  MerkleLog(KeyPair key, String origin) throws Exception {
    this.key = key;
    this.origin = origin;
    leaves.add(leafHash("{\"genesis\":true}".getBytes(StandardCharsets.UTF_8)));
  }

  /** What an append returns: the entry's index, the tree it is in, and the proof of it. */
  record Inclusion(long index, long treeSize, byte[] leaf, byte[] root, List<byte[]> path, String checkpoint) {}

  synchronized Inclusion append(byte[] body) throws Exception {
    byte[] leaf = leafHash(body);
    leaves.add(leaf);
    int index = leaves.size() - 1;
    byte[] root = root(leaves);
    return new Inclusion(index, leaves.size(), leaf, root, path(index, leaves), checkpoint(leaves.size(), root));
  }

  /** A signed note: origin, size, root; then "— <origin> base64(key hint ‖ signature)". */
  private String checkpoint(long treeSize, byte[] root) throws Exception {
    String header = origin + " - 1\n" + treeSize + "\n" + SigstoreTestPki.b64(root) + "\n";
    byte[] keyId = SigstoreTestPki.sha256(key.getPublic().getEncoded());
    byte[] signature = SigstoreTestPki.sign(key, header.getBytes(StandardCharsets.UTF_8));
    byte[] hinted = new byte[4 + signature.length];
    System.arraycopy(keyId, 0, hinted, 0, 4);
    System.arraycopy(signature, 0, hinted, 4, signature.length);
    return header + "\n\u2014 " + origin + " " + SigstoreTestPki.b64(hinted) + "\n";
  }

  private static byte[] leafHash(byte[] body) throws Exception {
    byte[] prefixed = new byte[body.length + 1];
    System.arraycopy(body, 0, prefixed, 1, body.length);
    return SigstoreTestPki.sha256(prefixed);
  }

  /** RFC 6962 2.1: MTH of the leaf hashes. */
  private static byte[] root(List<byte[]> hashes) throws Exception {
    if (hashes.size() == 1) {
      return hashes.get(0);
    }
    int k = split(hashes.size());
    return node(root(hashes.subList(0, k)), root(hashes.subList(k, hashes.size())));
  }

  /** RFC 6962 2.1.1: the audit path of leaf {@code m}, leaf to root. */
  private static List<byte[]> path(int m, List<byte[]> hashes) throws Exception {
    List<byte[]> path = new ArrayList<>();
    if (hashes.size() == 1) {
      return path;
    }
    int k = split(hashes.size());
    if (m < k) {
      path.addAll(path(m, hashes.subList(0, k)));
      path.add(root(hashes.subList(k, hashes.size())));
    } else {
      path.addAll(path(m - k, hashes.subList(k, hashes.size())));
      path.add(root(hashes.subList(0, k)));
    }
    return path;
  }

  private static int split(int n) {
    return Integer.highestOneBit(n - 1);
  }

  private static byte[] node(byte[] left, byte[] right) throws Exception {
    byte[] joined = new byte[1 + left.length + right.length];
    joined[0] = 1;
    System.arraycopy(left, 0, joined, 1, left.length);
    System.arraycopy(right, 0, joined, 1 + left.length, right.length);
    return SigstoreTestPki.sha256(joined);
  }
}
