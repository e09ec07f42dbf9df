package dev.shipbridge.cainiao.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a Cainiao answer's envelope says, read from every documented place ({@code
 * cainiao-api.md} 2.4 and 4.4); reading only, no classification (that is {@link CainiaoErrors}'):
 *
 * <ul>
 *   <li>JSON: the top level, {@code response}, {@code result} (LINK and gateway errors nested
 *       there: {@code result.success}, {@code result.errorCode}, {@code result.errorMsg}, {@code
 *       result.isRetry}) and TOP's {@code error_response} ({@code code}, {@code msg}, {@code
 *       sub_code}, {@code sub_msg});
 *   <li>flags as {@code true}, {@code "true"}, {@code "false"}, {@code ""} (blank: not said), and
 *       the retry hints {@code need_retry}, {@code needRetry}, {@code isRetry};
 *   <li>XML: an {@code error_response} root, and leniently any other XML, also without a single
 *       root element ({@code error_code}, {@code error_desc}, {@code result_success} anywhere). An
 *       {@code error_code} beside {@code result_success=true} is still an error.
 * </ul>
 *
 * @param success the business flag, null when not given
 * @param code the carrier's code ({@code S02}, {@code SYS_ERROR}, TOP's numeric {@code code}), null when none or "0"
 * @param subCode TOP's {@code sub_code} ({@code isv.*}, {@code isp.*}), or null
 * @param message the message ({@code errorMsg}, {@code msg}, {@code error_desc}, ... and {@code sub_msg})
 * @param type IOP's {@code type} ({@code ISV}, {@code ISP}, {@code SYSTEM}), or null
 * @param retry the carrier's own retry hint
 * @param requestId the {@code request_id} given in the body, or null
 * @param layer where it was found ({@code ""} top level, {@code response}, {@code result},
 *     {@code error_response}, {@code xml})
 */
record CainiaoEnvelope(Boolean success, String code, String subCode, String message, String type, boolean retry,
    String requestId, String layer) {
  private static final Pattern HTML = Pattern.compile("(?is)^\\s*(?:<!--.*?-->\\s*)*<(?:!doctype\\s+html|html|head|body)\\b");
  private static final Pattern DECLARATION = Pattern.compile("(?s)^\\s*<\\?xml.*?\\?>");

  /** Whether the envelope reports a failure: a false flag, or a code that is not "0". */
  boolean failed() {
    return Boolean.FALSE.equals(success) || code != null || subCode != null;
  }

  /** The envelope of a JSON answer: the first layer that says anything; null when none does. */
  static CainiaoEnvelope json(CainiaoWire.Envelope root) {
    if (root == null) return null;
    if (root.errorResponse() != null) return of(root.errorResponse(), "error_response");
    CainiaoEnvelope top = of(root, "");
    if (top != null) return top;
    CainiaoEnvelope response = root.response() == null ? null : of(root.response(), "response");
    if (response != null) return response;
    return root.result() == null ? null : of(root.result(), "result");
  }

  /** One layer; null when it has no flag, code or retry hint. */
  static CainiaoEnvelope of(CainiaoWire.Envelope n, String layer) {
    String code = code(n.anyCode());
    if (n.flag() == null && code == null && n.subCode() == null && n.isRetry() == null) return null;
    return new CainiaoEnvelope(n.flag(), code, n.subCode(), join(n.message(), n.subMsg()), n.type(),
        Boolean.TRUE.equals(n.isRetry()), n.requestId(), layer);
  }

  /** Whether a markup body is an HTML page (a proxy's) rather than XML (Cainiao's). */
  static boolean isHtml(String body) {
    return HTML.matcher(body).lookingAt();
  }

  /**
   * The envelope of an XML answer, read leniently with the JSON envelope's names: the first
   * non-blank value of each element name anywhere in the document (a container is no value); the
   * document is wrapped in one root when it has several; DOCTYPEs and external entities are
   * refused. Null when it cannot be read or says nothing.
   */
  static CainiaoEnvelope xml(String body) {
    String content = DECLARATION.matcher(body).replaceFirst("");
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    try {
      NodeList all = CainiaoErrors.safeBuilder().parse(new ByteArrayInputStream(
          ("<envelope>" + content + "</envelope>").getBytes(StandardCharsets.UTF_8))).getElementsByTagName("*");
      for (int i = 0; i < all.getLength(); i++) {
        Node n = all.item(i);
        String t = n.getTextContent();
        if (n.getChildNodes().getLength() > 1 || t == null || t.isBlank() || values.has(n.getNodeName())) continue;
        values.put(n.getNodeName(), t.trim());
      }
    } catch (Exception unreadable) {
      return null;
    }
    CainiaoWire.Envelope e = CainiaoJson.read(values, CainiaoWire.Envelope.class);
    return e == null ? null : of(e, "xml");
  }

  /** A code that means "no error" ("0", blank) as null. */
  private static String code(String c) {
    return c == null || c.isBlank() || "0".equals(c.trim()) ? null : c.trim();
  }

  static String join(String a, String b) {
    if (a == null) return b;
    if (b == null || b.equals(a)) return a;
    return a + ": " + b;
  }
}
