package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.TrackingStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionCodeTableTest {
  /** The official list published with querytrackingresult, as the reference transcribes it. */
  static final List<String> OFFICIAL = List.of(
      "CONSIGN", "OM_CONSIGN", "GTMS_ASN",
      "GWMS_ACCEPT", "GWMS_REJECT", "GWMS_PICK", "GWMS_PACKAGE", "GWMS_OUTBOUND", "GWMS_HANDOVER", "GWMS_EXCEPTION",
      "GWMS_CANCEL",
      "PU_PICKUP_SUCCESS", "PU_PICKUP_FAILURE", "PU_SIGN_IN_SUCCESS", "PU_SIGN_IN_FAILURE",
      "SC_SIGN_IN_SUCCESS", "SC_SIGN_IN_FAILURE", "SC_INBOUND_SUCCESS", "SC_INBOUND_FAILURE", "SC_OUTBOUND_SUCCESS",
      "SC_OUTBOUND_FAILURE", "SC_HO_OUT_SUCCESS", "SC_HO_OUT_FAILURE",
      "CC_EX_START", "CC_EX_SUCCESS", "CC_EX_FAILURE",
      "LH_HO_IN_SUCCESS", "LH_HO_IN_FAILURE", "LH_POST_COLLECTION", "LH_HO_AIRLINE", "LH_HO_AIRLINE_FAILURE", "LH_DEPART",
      "LH_ARRIVE", "LH_ARRIVE_FAILURE", "LH_HO_OUT_SUCCESS", "LH_HO_OUT_FAILURE", "LH_OTHER",
      "TD_TRANS_ARRIVE", "TD_TRANS_DEPART", "CC_TRANS\uFF3FSTART", "CC_TRANS\uFF3FSUCCESS", "CC_TRANS_FAILURE",
      "CC_HO_IN_SUCCESS", "CC_HO_IN_FAILURE", "CC_IM_START", "CC_IM_PROCESS", "CC_IM_SUCCESS", "CC_IM_FAILURE",
      "CC_HO_OUT_SUCCESS", "CC_HO_OUT_FAILURE", "CUS_DECLARE", "CUS_SUCCESS", "CUS_FAILURE", "CUS_TAX", "CIQ_SUCCESS",
      "CIQ_FAILURE",
      "GTMS_ACCEPT", "GTMS_SC_ARRIVE", "GTMS_SC_ARRIVE_FAILURE", "GTMS_STATION_IN", "GTMS_STATION_OUT", "GTMS_DO_ARRIVE",
      "GTMS_DO_DEPART", "GTMS_DELIVERING", "GTMS_RE_DELIVERING", "GTMS_DEL_FAILURE", "GTMS_RELABEL", "GTMS_SIGNED",
      "GTMS_SIGN_FAILURE", "GTMS_WAIT_SELF_PICK", "GTMS_STA_SIGNED", "GTMS_STA_SIGN_FAILURE", "GTMS_FAILURE", "GTMS_OTHER",
      "GTMS_STA_WAIT_CUST_CHANGE_ADDRESS", "GTMS_STA_CUST_TO_DOOR", "GTMS_STA_CHANGE", "GTMS_STA_CN_TO_DOOR",
      "GTMS_STA_CN_CHANGE", "GTMS_STA_CNCP_TO_DOOR", "GTMS_STA_CNCP_CHANGE",
      "GSTAHUB_INBOUND", "GSTAHUB_INBOUND_FAIL", "GSTA_INBOUND", "GSTA_INBOUND_FAIL", "GSTA_SIGN", "GSTA_SIGN_FAIL",
      "GSTA_BUYER_SIGN", "GSTA_BUYER_SIGN_FAIL", "STA_SIGN", "STA_SIGN_FAIL", "GSTA_OTHER",
      "GOT", "REJECT", "DEPARTURE", "ARRIVAL", "SENT_SCAN", "SIGNED", "FAILED",
      "RT_INBOUND", "RETURNED", "RT_OUTBOUND", "RT_DESTROY", "RT_HO_OUT", "RT_WH_HO_IN", "RT_WH_HO_IN_FAIL",
      "RT_WH_INBOUND", "RT_WH_INBOUND_FAILURE", "RT_WH_DESTROY", "RT_WH_OUTBOUND", "RT_WH_HO_OUT", "RT_TRANSWH_HO_IN",
      "RT_TRANSWH_INBOUND", "RT_TRANSWH_OUTBOUND", "RT_TMS_ACCEPT");

  static final List<String> SEEN_IN_REAL_PAYLOADS = List.of(
      "CW_INBOUND", "CW_OUTBOUND", "LAST_MILE_ASN_NOTIFY", "COMMON_INTRANSIT", "GTMS_OE_DEPART", "GTMS_SC_DEPART",
      "GTMS_STA_SIGNED_DELIVER", "GSTA_INFORM_BUYER", "POSTMAN_POST", "LH_LINEHAUL_ARRIVE", "TD_TRANS_ARRIVE_C",
      "TD_TRANSWH_OUTBOUND", "WMS_CONFIRMED", "TRANSIT_PORT_REROUTE_CALLBACK", "CUSTOMS_ARRIVED_IN_AREA_CALLBACK");

  @Test
  void everyCodeOfTheOfficialListIsInTheTable() {
    for (String code : OFFICIAL) {
      assertThat(ActionCodeTable.find(code)).as(code).isPresent();
    }
  }

  @Test
  void everyExtraCodeSeenInRealPayloadsIsInTheTable() {
    for (String code : SEEN_IN_REAL_PAYLOADS) {
      assertThat(ActionCodeTable.find(code)).as(code).isPresent();
    }
  }

  @Test
  void fullWidthUnderscoreSpellingsMapLikeTheAsciiOnes() {
    assertThat(ActionCodeTable.status("CC_TRANS\uFF3FSTART")).isEqualTo(ActionCodeTable.status("CC_TRANS_START"))
        .isEqualTo(TrackingStatus.IN_CUSTOMS);
    assertThat(ActionCodeTable.status("CC_TRANS\uFF3FSUCCESS")).isEqualTo(TrackingStatus.IN_CUSTOMS);
    assertThat(ActionCodeTable.status(" gtms_signed ")).isEqualTo(TrackingStatus.DELIVERED);
  }

  @Test
  void pickupStationSigningIsNotDelivery() {
    assertThat(ActionCodeTable.status("GTMS_STA_SIGNED")).isEqualTo(TrackingStatus.AVAILABLE_FOR_PICKUP);
  }

  @Test
  void domesticLegSigningIsNotDelivery() {
    assertThat(ActionCodeTable.status("SIGNED")).isEqualTo(TrackingStatus.IN_TRANSIT);
    assertThat(ActionCodeTable.status("SENT_SCAN")).isEqualTo(TrackingStatus.IN_TRANSIT);
    assertThat(ActionCodeTable.status("STA_SIGN")).isNotEqualTo(TrackingStatus.DELIVERED);
  }

  @Test
  void dutiesDueIsAnExceptionNeedingTheConsumer() {
    assertThat(ActionCodeTable.status("CUS_TAX")).isEqualTo(TrackingStatus.EXCEPTION);
    assertThat(ActionCodeTable.needsConsumerAction("CUS_TAX")).isTrue();
    assertThat(ActionCodeTable.needsConsumerAction("GTMS_STA_WAIT_CUST_CHANGE_ADDRESS")).isTrue();
    assertThat(ActionCodeTable.needsConsumerAction("GTMS_SIGNED")).isFalse();
  }

  @Test
  void finalDeliveryAndReturnAreTerminal() {
    assertThat(ActionCodeTable.status("GTMS_SIGNED")).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(ActionCodeTable.status("GSTA_BUYER_SIGN")).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(ActionCodeTable.status("RETURNED")).isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
    assertThat(ActionCodeTable.status("RT_OUTBOUND").isTerminal()).isFalse();
  }

  @Test
  void unknownCodesAreUnknownAndDoNotThrow() {
    assertThat(ActionCodeTable.status("SOMETHING_NEW")).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(ActionCodeTable.status("SOMETHING_NEW")).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(ActionCodeTable.status(null)).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(ActionCodeTable.find("SOMETHING_NEW")).isEmpty();
  }

  @Test
  void failureCodesAreExceptionsOrFailedAttempts() {
    for (String code : OFFICIAL) {
      String n = ActionCodeTable.normalize(code);
      if (n.endsWith("_FAILURE") || n.endsWith("_FAIL")) {
        assertThat(ActionCodeTable.status(code)).as(code)
            .isIn(TrackingStatus.EXCEPTION, TrackingStatus.DELIVERY_ATTEMPTED);
      }
    }
  }
}
