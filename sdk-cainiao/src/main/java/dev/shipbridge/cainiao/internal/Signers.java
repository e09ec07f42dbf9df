package dev.shipbridge.cainiao.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cainiao's two signatures. IOP: uppercase hex HMAC-SHA256 (app secret) over the non-empty
 * parameters but {@code sign}, sorted, as {@code name1value1name2value2}. LINK {@code data_digest}:
 * {@code Base64(MD5(content + secretKey))} in the console's charset (UTF-8 or GBK): {@code
 * linkDigest("hello1234", "key123", UTF_8)} is {@code ufYU7rvXhHY3IDyZgyt6SA==}.
 */
public final class Signers {
  private Signers() {}

  /** The IOP signature of every request parameter, system and business. */
  public static String iop(Map<String, String> params, String appSecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().withUpperCase().formatHex(mac.doFinal(canonical(params).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The string that is signed; never log it (it holds the access token). */
  static String canonical(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
      String k = e.getKey();
      String v = e.getValue();
      if (k == null || k.isBlank() || v == null || v.isBlank() || "sign".equals(k)) continue;
      sb.append(k).append(v);
    }
    return sb.toString();
  }

  public static String linkDigest(String content, String secretKey, Charset charset) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest((content + secretKey).getBytes(charset));
      return Base64.getEncoder().encodeToString(md5);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }

  /**
   * Whether {@code claimedDigest} is the LINK digest of {@code content}, compared in constant time
   * as canonical Base64 text, not decoded bytes: a decoder accepts several spellings of one value
   * (no padding, other trailing bits), and a verifier should accept exactly one.
   */
  public static boolean verifyLink(String content, String claimedDigest, String secretKey, Charset charset) {
    if (claimedDigest == null || content == null) return false;
    return MessageDigest.isEqual(linkDigest(content, secretKey, charset).getBytes(StandardCharsets.US_ASCII),
        claimedDigest.trim().getBytes(StandardCharsets.UTF_8));
  }
}
