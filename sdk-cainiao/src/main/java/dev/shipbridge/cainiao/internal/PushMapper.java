package dev.shipbridge.cainiao.internal;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.cainiao.CainiaoPush;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.TrackingEvent;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LINK push ({@code TRACEPUSH} and the like): a form whose {@code data_digest} is checked first,
 * in constant time, over the raw {@code logistics_interface}; only then is that content read
 * ({@link CainiaoWire.PushContent}: the parcel's number and its trace lines).
 */
public final class PushMapper {
  /** Largest content accepted, in characters: a push is one parcel's trace. */
  static final int MAX_CONTENT = 1_000_000;

  private PushMapper() {}

  public static Map<String, String> decodeForm(String body, Charset charset) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body == null) return out;
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(URLDecoder.decode(k, charset), URLDecoder.decode(v, charset));
      } catch (IllegalArgumentException e) {
        throw malformed(CarrierId.CAINIAO, "a form body that is not URL-encoded");
      }
    }
    return out;
  }

  public static CainiaoPush.Notification parse(Map<String, String> form, String secretKey, Charset charset, CarrierId carrier) {
    String content = form.get("logistics_interface");
    String digest = form.get("data_digest"); // present: CainiaoPush refuses an unsigned push first
    if (content == null || content.isBlank()) throw malformed(carrier, "a push without logistics_interface");
    if (content.length() > MAX_CONTENT) throw malformed(carrier, "a push larger than " + MAX_CONTENT + " characters");
    if (!Signers.verifyLink(content, digest, secretKey, charset)) {
      throw new AuthenticationException(CarrierException.details(carrier,
          "the Cainiao push's data_digest does not match its content: not from Cainiao, or another secret key")
          .carrierCode("S02"));
    }
    var tree = CainiaoJson.tree(content.getBytes(StandardCharsets.UTF_8));
    if (tree == null) throw malformed(carrier, "a push whose logistics_interface is not JSON");
    CainiaoWire.PushContent root = tree.isObject() ? CainiaoJson.read(tree, CainiaoWire.PushContent.class) : null;
    if (root == null) throw malformed(carrier, "a push whose logistics_interface is not a JSON object");
    List<TrackingEvent> events = new ArrayList<>();
    String number = LabelMapper.upper(root.mailNo());
    for (CainiaoWire.Trace t : CainiaoWire.orEmpty(root.traceDetail())) {
      TrackingEvent e = t == null ? null : TrackMapper.linkEvent(t, carrier);
      if (e == null) throw malformed(carrier, "a push event without a readable time");
      events.add(e);
      if (number == null) number = LabelMapper.upper(t.mailNo());
    }
    if (number == null) throw malformed(carrier, "a push without mailNo");
    events.sort(Comparator.comparing(e -> e.time().toInstant()));
    return new CainiaoPush.Notification(form.get("msg_type"), number, events);
  }

  private static CarrierException malformed(CarrierId carrier, String what) {
    return CarrierException.details(carrier, "Cainiao sent " + what).build();
  }
}
