package dev.shipbridge.cainiao.internal;

import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Cainiao LINK {@code data_digest}: {@code Base64(MD5(content + secretKey))} over the raw
 * bytes of the 16-byte digest (not its hex form), the string turned into bytes with the charset
 * the API is configured with in the Cainiao console (UTF-8 or GBK). The content is the raw {@code
 * logistics_interface} string, before form encoding.
 *
 * <pre>{@code
 * LinkSigner.digest("hello1234", "key123", UTF_8)  // "ufYU7rvXhHY3IDyZgyt6SA=="
 * }</pre>
 */
public final class LinkSigner {
  private LinkSigner() {}

  public static String digest(String content, String secretKey, Charset charset) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest((content + secretKey).getBytes(charset)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }

  /**
   * Whether {@code claimedDigest} is the digest of {@code content}; compares the decoded digest
   * bytes in constant time. A digest that is not Base64 or not 16 bytes is simply wrong.
   */
  public static boolean verify(String content, String claimedDigest, String secretKey, Charset charset) {
    if (claimedDigest == null || content == null) return false;
    // Compare the canonical Base64 text, not the decoded bytes: a decoder accepts several spellings
    // of one value (no padding, other trailing bits), and a verifier should accept exactly one.
    return MessageDigest.isEqual(digest(content, secretKey, charset).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        claimedDigest.trim().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

}
