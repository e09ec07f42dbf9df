package dev.shipbridge.cainiao.internal;

import static dev.shipbridge.cainiao.internal.WireJson.bool;
import static dev.shipbridge.cainiao.internal.WireJson.first;
import static dev.shipbridge.cainiao.internal.WireJson.object;
import static dev.shipbridge.cainiao.internal.WireJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.spi.support.Checks;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The big-bag handover, mapped without I/O: {@code cainiao.global.handover.savedraft} (parcels'
 * LP codes, at most 200) then {@code .commit} (type {@code self_send} or {@code cainiao_pickup},
 * appointment {@code bigbag}) then {@code .pdf.get} (type 1 waybill label, 4 shipping label, 512
 * handover list) and, to undo, {@code .cancel}. Each answers an HsfResult {@code {success,
 * error_code, error_msg, data}}, possibly inside {@code result}. The manifest id is the {@code
 * handover_content_id}, which {@code pdf.get} and {@code cancel} take.
 */
public final class ManifestMapper {
  public static final String SAVE_DRAFT = "cainiao.global.handover.savedraft";
  public static final String COMMIT = "cainiao.global.handover.commit";
  public static final String PDF = "cainiao.global.handover.pdf.get";
  public static final String CANCEL = "cainiao.global.handover.cancel";
  static final int MAX_PARCELS = 200;

  private ManifestMapper() {}

  /** Refusals before any call. */
  public static void check(ManifestRequest request, CainiaoConfig config) {
    Checks c = new Checks();
    if (request.trackingNumbers().size() > MAX_PARCELS) {
      c.add("trackingNumbers", "a Cainiao big bag takes at most " + MAX_PARCELS + " parcels");
    }
    for (int i = 0; i < request.trackingNumbers().size(); i++) {
      if (!CainiaoNumbers.isLpCode(request.trackingNumbers().get(i))) {
        c.add("trackingNumbers[" + i + "]", "must be a Cainiao LP code (LP + 14 digits), the number a Cainiao label carries");
      }
    }
    if (config.handoverLoginId() == null) {
      c.add("carrier", "Cainiao handovers need the seller login id: set CainiaoCarrier.builder().handoverLoginId(...)");
    }
    c.throwIfAny();
  }

  public static Map<String, String> draft(ManifestRequest request, CainiaoConfig config) {
    Map<String, String> p = common(config);
    p.put("order_code_list", QuoteMapper.json(request.trackingNumbers()));
    return p;
  }

  public static Map<String, String> commit(ManifestRequest request, Draft draft, CainiaoConfig config) {
    Map<String, String> p = common(config);
    p.put("order_code_list", QuoteMapper.json(request.trackingNumbers()));
    p.put("handover_order_id", draft.handoverOrderId());
    p.put("type", config.handoverType());
    p.put("appointment_type", "bigbag");
    return p;
  }

  public static Map<String, String> pdf(String handoverContentId, int type, CainiaoConfig config) {
    Map<String, String> p = common(config);
    p.put("handover_content_id", handoverContentId);
    p.put("type", Integer.toString(type));
    return p;
  }

  public static Map<String, String> cancel(String handoverContentId, CainiaoConfig config) {
    Map<String, String> p = common(config);
    if (CainiaoNumbers.isLpCode(handoverContentId)) p.put("tracking_number", handoverContentId);
    else p.put("handover_content_id", handoverContentId);
    return p;
  }

  private static Map<String, String> common(CainiaoConfig config) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("login_id", config.handoverLoginId());
    if (config.topUserKey() != null) user.put("top_user_key", config.topUserKey());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("user_info", QuoteMapper.json(user));
    p.put("client", config.handoverClient());
    p.put("locale", config.locale());
    return p;
  }

  /** A saved draft. */
  public record Draft(String handoverOrderId, String handoverContentId) {}

  /** A committed handover: the big bag's LP code, its content id and the handover order id. */
  public record Committed(String bigBagCode, String handoverContentId, String handoverOrderId) {}

  public static Draft fromDraft(JsonNode answer, CainiaoErrors.Call call) {
    JsonNode data = data(answer, call);
    String orderId = text(data, "handover_order_id");
    if (orderId == null) throw CainiaoErrors.malformed(call, null, "no handover_order_id");
    return new Draft(orderId, text(data, "handover_content_id"));
  }

  public static Committed fromCommit(JsonNode answer, Draft draft, CainiaoErrors.Call call) {
    JsonNode data = data(answer, call);
    String contentId = text(data, "handover_content_id");
    if (contentId == null) contentId = draft.handoverContentId();
    if (contentId == null) throw CainiaoErrors.malformed(call, null, "no handover_content_id");
    String orderId = text(data, "handover_order_id");
    return new Committed(text(data, "handover_content_code"), contentId, orderId == null ? draft.handoverOrderId() : orderId);
  }

  public static byte[] fromPdf(JsonNode answer, CainiaoErrors.Call call) {
    return LabelMapper.pdf(data(answer, call), call);
  }

  public static boolean fromCancel(JsonNode answer, CainiaoErrors.Call call) {
    JsonNode data = data(answer, call);
    if (data.isBoolean()) return data.booleanValue();
    if (data.isTextual()) return !"false".equalsIgnoreCase(data.asText().trim());
    return !Boolean.FALSE.equals(bool(data, "result"));
  }

  public static Manifest toManifest(CarrierId carrier, ManifestRequest request, Committed c, byte[] document) {
    return new Manifest(carrier, c.handoverContentId(), request.trackingNumbers(), document, c.bigBagCode(),
        c.handoverOrderId());
  }

  /** The {@code data} of an HsfResult, after its {@code success} was checked. */
  static JsonNode data(JsonNode answer, CainiaoErrors.Call call) {
    JsonNode holder = object(answer, "result").isObject() ? object(answer, "result") : answer;
    Boolean ok = bool(holder, "success", "is_success");
    if (Boolean.FALSE.equals(ok)) {
      throw CainiaoErrors.business(call, text(holder, "error_code"), text(holder, "error_msg", "error_message"),
          Boolean.TRUE.equals(bool(holder, "need_retry", "retry")), text(answer, "request_id"));
    }
    JsonNode data = first(holder, "data");
    if (data.isTextual()) {
      JsonNode parsed = WireJson.parseEmbedded(data.asText());
      if (parsed.isObject()) return parsed;
    }
    return data;
  }

}
