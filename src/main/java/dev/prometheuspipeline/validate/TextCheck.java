package dev.prometheuspipeline.validate;

import java.util.List;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Is the artifact text at all? Every artifact the engine takes is text: UTF-8, or for XML whatever its
 * byte order mark or encoding declaration says (as an XML parser would read it). Binary content (NUL
 * characters) or bytes that are not valid in the encoding become a {@code file-not-text} finding, at the
 * line and column where decoding stopped, and nothing parses the file further.
 */
final class TextCheck {
  static final String RULE = "file-not-text";
  static final RuleInfo TEXT = RuleInfo.engine(RULE, "file",
      "A model is text in the encoding it declares",
      "Binary content or bytes that do not match the declared encoding cannot be parsed, or would be read as"
          + " other characters than the author wrote.",
      "save the file as UTF-8 (and declare encoding=\"UTF-8\"), or commit the model rather than an archive of it");
  static final List<RuleInfo> RULES = List.of(TEXT);

  private static final Pattern ENCODING_DECLARATION =
      Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");
  private static final int PROLOG_BYTES = 512;

  private TextCheck() {}

  /** The decoded text, or why the bytes are not text. */
  record Decoded(String text, Optional<Finding> problem) {
    static Decoded ofText(String text) {
      return new Decoded(text, Optional.empty());
    }

    static Decoded ofProblem(Finding problem) {
      return new Decoded("", Optional.of(problem));
    }
  }

  static Decoded decode(String file, byte[] bytes, boolean xml) {
    Optional<EncodingChoice> choice = xml ? xmlEncoding(bytes) : Optional.of(utf8(bytes));
    if (choice.isEmpty()) {
      return Decoded.ofProblem(encodingMismatch(file, bytes));
    }
    EncodingChoice encoding = choice.get();
    CharsetDecoder decoder =
        encoding.charset()
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, encoding.bomLength(), bytes.length - encoding.bomLength());
    CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L, bytes.length + 16L));
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    out.flip();
    if (result.isError()) {
      int offset = Math.min(in.position(), bytes.length - 1);
      return Decoded.ofProblem(
          finding(
              file,
              Location.of(out, out.length()),
              String.format(
                  "is not valid %s: byte 0x%02X (offset %d) cannot be decoded",
                  encoding.charset().name(), bytes[offset] & 0xFF, offset),
              xml
                  ? "save the file as UTF-8, or declare the encoding it really uses in the XML declaration"
                  : "save the file as UTF-8"));
    }
    String text = out.toString();
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      return Decoded.ofProblem(
          finding(
              file,
              Location.of(text, nul),
              "contains a NUL character: this is binary content, not a text model",
              "commit the model's source file, not a binary or compressed export"));
    }
    return Decoded.ofText(text);
  }

  private static Finding finding(String file, Location at, String message, String fix) {
    return new Finding(file, at.line(), at.column(), "", RULE, Severity.ERROR, message, fix);
  }

  private static Finding encodingMismatch(String file, byte[] bytes) {
    String declared = declaredEncoding(bytes, StandardCharsets.ISO_8859_1).orElse("?");
    return new Finding(
        file,
        1,
        1,
        "",
        RULE,
        Severity.ERROR,
        "declares encoding \"" + declared + "\", which this Java runtime does not know or which does not"
            + " match how the file is written (its first bytes)",
        "re-save the file as UTF-8 with encoding=\"UTF-8\" in its XML declaration");
  }

  /** How to decode: the charset, and how many byte-order-mark bytes to skip. */
  private record EncodingChoice(Charset charset, int bomLength) {}

  private static EncodingChoice utf8(byte[] bytes) {
    return new EncodingChoice(StandardCharsets.UTF_8, startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0);
  }

  /**
   * The encoding an XML parser would use (XML 1.0, appendix F): the byte order mark or the shape of
   * the first bytes picks UTF-8 or UTF-16; the declaration may then name another 8-bit encoding.
   * Empty when the declaration contradicts the bytes or names an unknown encoding.
   */
  private static Optional<EncodingChoice> xmlEncoding(byte[] bytes) {
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return sixteenBit(bytes, StandardCharsets.UTF_16BE, 2);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return sixteenBit(bytes, StandardCharsets.UTF_16LE, 2);
    }
    if (startsWith(bytes, 0x00, 0x3C, 0x00, 0x3F)) {
      return sixteenBit(bytes, StandardCharsets.UTF_16BE, 0);
    }
    if (startsWith(bytes, 0x3C, 0x00, 0x3F, 0x00)) {
      return sixteenBit(bytes, StandardCharsets.UTF_16LE, 0);
    }
    EncodingChoice utf8 = utf8(bytes);
    Optional<String> declared = declaredEncoding(bytes, StandardCharsets.ISO_8859_1);
    if (declared.isEmpty()) {
      return Optional.of(utf8);
    }
    return charset(declared.get())
        .filter(charset -> !isSixteenBit(charset))
        .filter(charset -> utf8.bomLength() == 0 || charset.equals(StandardCharsets.UTF_8))
        .map(charset -> new EncodingChoice(charset, utf8.bomLength()));
  }

  private static Optional<EncodingChoice> sixteenBit(byte[] bytes, Charset detected, int bomLength) {
    Optional<String> declared = declaredEncoding(bytes, detected);
    if (declared.isEmpty()) {
      return Optional.of(new EncodingChoice(detected, bomLength));
    }
    return charset(declared.get())
        .filter(TextCheck::isSixteenBit)
        .map(charset -> new EncodingChoice(detected, bomLength));
  }

  private static boolean isSixteenBit(Charset charset) {
    return charset.name().toUpperCase(Locale.ROOT).startsWith("UTF-16");
  }

  private static Optional<Charset> charset(String name) {
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> declaredEncoding(byte[] bytes, Charset prologCharset) {
    int length = Math.min(bytes.length, PROLOG_BYTES);
    String prolog;
    try {
      prolog =
          prologCharset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(bytes, 0, length))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    prolog = prolog.startsWith("\uFEFF") ? prolog.substring(1) : prolog;
    prolog = prolog.startsWith("\u00EF\u00BB\u00BF") ? prolog.substring(3) : prolog;
    Matcher matcher = ENCODING_DECLARATION.matcher(prolog);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
