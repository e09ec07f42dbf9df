package dev.shipbridge.cainiao.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AliExpress Open Platform (IOP) request signature: HMAC-SHA256, keyed by the app secret, over
 * the parameters sorted by name (ASCII order) and concatenated as {@code name1value1name2value2},
 * raw values, no separators (method-style calls through {@code /sync}: nothing in front).
 * Parameters whose name or value is empty are skipped (as the official Java SDK does), and so is
 * {@code sign} itself. The result is uppercase hex: {@code IopSigner.sign(params, appSecret)}.
 */
public final class IopSigner {
  private IopSigner() {}

  /** The signature of every request parameter, system and business. */
  public static String sign(Map<String, String> params, String appSecret) {
    return HexFormat.of().withUpperCase().formatHex(hmacSha256(appSecret, canonical(params)));
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

  private static byte[] hmacSha256(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
