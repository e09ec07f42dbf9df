package dev.shipbridge.cainiao.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.spi.support.Checks;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;

/**
 * The big-bag handover: {@code cainiao.global.handover.savedraft} (at most 200 LP codes), {@code
 * .commit}, {@code .pdf.get} and, to undo, {@code .cancel}, each answering an HsfResult (possibly
 * inside {@code result}). The manifest id is the {@code handover_content_id}.
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
    for (String n : request.entries().keySet()) {
      c.add("entries[" + n + "]", "a Cainiao handover collects its parcels at the seller's address: it takes no entry facility");
    }
    if (config.handoverLoginId() == null) {
      c.add("carrier", "Cainiao handovers need the seller login id: set CainiaoCarrier.builder().handoverLoginId(...)");
    }
    c.throwIfAny();
  }

  /** One form for every handover API; the fields a call does not take are left out. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Form(String userInfo, String client, String locale, String orderCodeList, String handoverOrderId,
      String handoverContentId, String trackingNumber, String type, String appointmentType) {}

  /** The handover of a manifest's parcels: draft, commit, then its document. */
  public static Manifest manifest(CainiaoTransport transport, CainiaoConfig config, ManifestRequest request) {
    check(request, config);
    String parcels = CainiaoJson.text(request.trackingNumbers());
    CainiaoErrors.Call saveDraft = transport.call(SAVE_DRAFT, true, null);
    CainiaoWire.HandoverData draft = data(transport.iop(SAVE_DRAFT, form(config, parcels, null, null, null, null),
        CainiaoWire.Hsf.class, RequestSafety.NON_IDEMPOTENT, null), saveDraft);
    if (draft == null || draft.handoverOrderId() == null) throw CainiaoErrors.malformed(saveDraft, null, "no handover_order_id");
    CainiaoErrors.Call commit = transport.call(COMMIT, true, null);
    CainiaoWire.HandoverData done = data(transport.iop(COMMIT, form(config, parcels, draft.handoverOrderId(), null, null,
        config.handoverType()), CainiaoWire.Hsf.class, RequestSafety.NON_IDEMPOTENT, null), commit);
    String contentId = done != null && done.handoverContentId() != null ? done.handoverContentId() : draft.handoverContentId();
    if (contentId == null) throw CainiaoErrors.malformed(commit, null, "no handover_content_id");
    String orderId = done != null && done.handoverOrderId() != null ? done.handoverOrderId() : draft.handoverOrderId();
    byte[] pdf = document(transport, config, contentId, config.handoverDocumentType());
    return new Manifest(config.id(), contentId, request.trackingNumbers(), pdf,
        done == null ? null : done.handoverContentCode(), orderId);
  }

  /** A document of a handover ({@code pdf.get} type 1, 4 or 512). */
  public static byte[] document(CainiaoTransport transport, CainiaoConfig config, String handoverContentId, int type) {
    CainiaoErrors.Call call = transport.call(PDF, false, null);
    CainiaoWire.HandoverData data = data(transport.iop(PDF, form(config, null, null, handoverContentId, null,
        Integer.toString(type)), CainiaoWire.Hsf.class, RequestSafety.IDEMPOTENT, null), call);
    return LabelMapper.pdf(data == null ? null : data.body(), call);
  }

  /** Cancels a handover (by its content id, or a parcel's LP code); true when Cainiao confirmed. */
  public static boolean cancel(CainiaoTransport transport, CainiaoConfig config, String handoverContentId) {
    boolean lp = CainiaoNumbers.isLpCode(handoverContentId);
    CainiaoWire.HandoverData data = data(transport.iop(CANCEL, form(config, null, null, lp ? null : handoverContentId,
        lp ? handoverContentId : null, null), CainiaoWire.Hsf.class, RequestSafety.IDEMPOTENT, null),
        transport.call(CANCEL, false, null));
    return data == null || !Boolean.FALSE.equals(data.result());
  }

  /** A handover form: the seller, client and locale every call carries, and the call's own fields. */
  static Form form(CainiaoConfig config, String parcels, String handoverOrderId, String handoverContentId,
      String trackingNumber, String type) {
    String user = CainiaoJson.text(new CainiaoWire.UserInfo(config.handoverLoginId(), config.topUserKey()));
    return new Form(user, config.handoverClient(), config.locale(), parcels, handoverOrderId, handoverContentId,
        trackingNumber, type, handoverOrderId == null ? null : "bigbag");
  }

  /** The {@code data} of an HsfResult, after its {@code success} was checked. */
  static CainiaoWire.HandoverData data(CainiaoWire.Reply<CainiaoWire.Hsf> answer, CainiaoErrors.Call call) {
    CainiaoWire.Hsf top = answer.body();
    CainiaoWire.Hsf holder = top != null && top.result() != null ? top.result() : top;
    if (holder == null) return null;
    if (Boolean.FALSE.equals(holder.success())) {
      throw CainiaoErrors.business(call, holder.errorCode(), holder.errorMsg(), Boolean.TRUE.equals(holder.needRetry()),
          answer.status().requestId());
    }
    return holder.data();
  }
}
