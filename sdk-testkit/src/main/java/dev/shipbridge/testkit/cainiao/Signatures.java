package dev.shipbridge.testkit.cainiao;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cainiao's two signing schemes, implemented from the published algorithm (not from any SDK code).
 * Internal to the emulator.
 */
public final class Signatures {
  private Signatures() {}

  /**
   * IOP HMAC-SHA256 signature: parameters (without {@code sign}) sorted by name in ASCII order,
   * concatenated as {@code name1value1name2value2…}, prefixed with the API path for path-style
   * ({@code /rest}) calls only, keyed by the app secret, uppercase hex.
   *
   * @param apiPathPrefix the API path for {@code /rest} calls (e.g. {@code /auth/token/create}),
   *     or {@code ""} for method-style {@code /sync} calls
   * @param skipBlank whether parameters with a blank name or value are left out (the official
   *     Java SDK does; other clients do not)
   */
  public static String iopSign(String apiPathPrefix, Map<String, String> params, String secret, boolean skipBlank) {
    StringBuilder text = new StringBuilder(apiPathPrefix == null ? "" : apiPathPrefix);
    for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      if ("sign".equals(key)) {
        continue;
      }
      if (value == null || (skipBlank && (key.isBlank() || value.isBlank()))) {
        continue;
      }
      text.append(key).append(value);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return hexUpper(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** LINK {@code data_digest}: Base64 of the 16 raw MD5 bytes of {@code content + secretKey}. */
  public static String linkDigest(String content, String secretKey, Charset charset) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] digest = md5.digest((content + secretKey).getBytes(charset));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  /** Constant-time comparison of two ASCII signatures. */
  public static boolean sameSignature(String expected, String actual) {
    if (expected == null || actual == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }

  static String hexUpper(byte[] bytes) {
    char[] digits = "0123456789ABCDEF".toCharArray();
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = digits[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = digits[bytes[i] & 0xF];
    }
    return new String(out);
  }
}
