package dev.shipbridge.testkit.cainiao;

import static dev.shipbridge.testkit.cainiao.Wire.*;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** The handover (big bag) APIs: save draft, commit, PDF and cancel. */
final class HandoverApis {
  private final Store store;
  /** A commit gives a handover its big-bag code once, however many commits race. */
  private final ReentrantLock commitLock = new ReentrantLock();

  HandoverApis(Store store) {
    this.store = store;
  }

  Map<String, Object> handoverSaveDraft(Map<String, String> params) {
    List<String> codes = stringList(params.get("order_code_list"));
    if (codes == null || codes.isEmpty()) {
      return hsf(false, "PARAM_ERROR", "order_code_list is required", null);
    }
    if (codes.size() > 200) {
      return hsf(false, "PARAM_ERROR", "order_code_list holds more than 200 parcels", null);
    }
    String unknown = firstUnknown(codes);
    if (unknown != null) {
      return hsf(false, "ORDER_NOT_FOUND", "Unknown parcel order code: " + unknown, null);
    }
    Store.Handover h = store.saveDraft(codes);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("handover_order_id", h.handoverOrderId);
    data.put("handover_content_id", h.handoverContentId);
    return hsf(true, null, null, data);
  }

  Map<String, Object> handoverCommit(Map<String, String> params) {
    String type = params.get("type");
    if (!List.of("cainiao_pickup", "self_post", "self_send").contains(String.valueOf(type))) {
      return hsf(false, "PARAM_ERROR", "type must be cainiao_pickup, self_post or self_send", null);
    }
    if ("self_post".equals(type)
        && (isBlank(params.get("domestic_tracking_no")) || (isBlank(params.get("domestic_logistics_company"))
            && isBlank(params.get("domestic_logistics_company_id"))))) {
      return hsf(false, "PARAM_ERROR", "self_post requires domestic_tracking_no and domestic_logistics_company", null);
    }
    List<String> codes = stringList(params.get("order_code_list"));
    Store.Handover h;
    if (!isBlank(params.get("handover_order_id"))) {
      h = store.handoverByOrderId(parseLong(params.get("handover_order_id")));
      if (h == null || h.cancelled) {
        return hsf(false, "HANDOVER_NOT_FOUND", "Unknown handover_order_id", null);
      }
      if (codes != null && !codes.isEmpty()) {
        h.orderCodes = List.copyOf(codes);
      }
    } else {
      if (codes == null || codes.isEmpty()) {
        return hsf(false, "PARAM_ERROR", "order_code_list or handover_order_id is required", null);
      }
      h = store.saveDraft(codes);
    }
    if (h.orderCodes.size() > 1000) {
      return hsf(false, "PARAM_ERROR", "order_code_list holds more than 1000 parcels", null);
    }
    String unknown = firstUnknown(h.orderCodes);
    if (unknown != null) {
      return hsf(false, "ORDER_NOT_FOUND", "Unknown parcel order code: " + unknown, null);
    }
    commitLock.lock();
    try {
      if (h.handoverContentCode == null) {
        h.handoverContentCode = store.newBigBagCode();
      }
    } finally {
      commitLock.unlock();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("handover_content_code", h.handoverContentCode);
    data.put("handover_content_id", h.handoverContentId);
    data.put("handover_order_id", h.handoverOrderId);
    return hsf(true, null, null, data);
  }

  Map<String, Object> handoverPdf(Map<String, String> params) {
    Store.Handover h = isBlank(params.get("handover_content_id")) ? null
        : store.handoverByContentId(parseLong(params.get("handover_content_id")));
    if (h == null || h.cancelled || h.handoverContentCode == null) {
      return hsf(false, "HANDOVER_NOT_FOUND", "Unknown or uncommitted handover_content_id", null);
    }
    String type = String.valueOf(params.get("type"));
    String title;
    switch (type) {
      case "1" -> title = "BIG BAG WAYBILL LABEL";
      case "4" -> title = "BIG BAG SHIPPING LABEL";
      case "512" -> title = "HANDOVER LIST";
      default -> {
        return hsf(false, "PARAM_ERROR", "type must be 1 (waybill label), 4 (shipping label) or 512 (handover list)", null);
      }
    }
    List<String> lines = new ArrayList<>(List.of(title, "Big bag: " + h.handoverContentCode,
        "Handover order: " + h.handoverOrderId, "Parcels: " + h.orderCodes.size()));
    if ("512".equals(type)) {
      lines.addAll(h.orderCodes);
    }
    return hsf(true, null, null, Base64.getEncoder().encodeToString(Pdfs.textPage(lines)));
  }

  Map<String, Object> handoverCancel(Map<String, String> params) {
    Store.Handover h = null;
    if (!isBlank(params.get("handover_order_id"))) {
      h = store.handoverByOrderId(parseLong(params.get("handover_order_id")));
    } else if (!isBlank(params.get("handover_content_id"))) {
      h = store.handoverByContentId(parseLong(params.get("handover_content_id")));
    } else if (!isBlank(params.get("tracking_number"))) {
      h = store.handoverByContentCode(params.get("tracking_number"));
    }
    if (h == null || h.cancelled) {
      return hsf(false, "HANDOVER_NOT_FOUND", "Unknown or already cancelled handover", Map.of("result", false));
    }
    h.cancelled = true;
    return hsf(true, null, null, Map.of("result", true));
  }

  String firstUnknown(List<String> codes) {
    for (String c : codes) {
      if (store.find(c) == null) {
        return c;
      }
    }
    return null;
  }

  static Map<String, Object> hsf(boolean success, String code, String message, Object data) {
    return Answers.of("handover-result", "success", success, "errorCode", code,
        "errorMessage", code == null ? null : message, "data", data);
  }

}
