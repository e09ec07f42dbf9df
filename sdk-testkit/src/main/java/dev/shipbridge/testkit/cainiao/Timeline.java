package dev.shipbridge.testkit.cainiao;

import java.time.Duration;
import java.util.List;

/**
 * The journey every emulated parcel makes, as offsets from order creation, with Cainiao's real
 * {@code action_code} values. Handoff to USPS last mile is {@link #HANDOFF_CODE}; Cainiao's own
 * events stop there (USPS reports the rest). Internal.
 */
public final class Timeline {
  /** One step of the journey. */
  public record Step(String actionCode, Duration offset, String description, String address) {}

  /** The action code of the handoff to the last-mile carrier. */
  public static final String HANDOFF_CODE = "GTMS_ACCEPT";

  public static final List<Step> STEPS = List.of(
      new Step("GWMS_ACCEPT", Duration.ZERO, "Order received successfully", "Shenzhen"),
      new Step("PU_PICKUP_SUCCESS", Duration.ofHours(8), "Received by logistics company", "Shenzhen"),
      new Step("SC_INBOUND_SUCCESS", Duration.ofHours(20), "Processing at sorting center", "Dongguan"),
      new Step("SC_OUTBOUND_SUCCESS", Duration.ofHours(26), "Departed from sorting center", "Dongguan"),
      new Step("LH_HO_IN_SUCCESS", Duration.ofHours(32), "Arrived at departure hub", "Shenzhen"),
      new Step("CC_EX_START", Duration.ofHours(40), "Export customs clearance started", "Shenzhen"),
      new Step("CC_EX_SUCCESS", Duration.ofHours(44), "Export customs clearance complete", "Shenzhen"),
      new Step("LH_HO_AIRLINE", Duration.ofHours(52), "Handed over to airline", "Shenzhen"),
      new Step("LH_DEPART", Duration.ofHours(60), "Departed from departure country/region", "Shenzhen"),
      new Step("LH_ARRIVE", Duration.ofHours(76), "Arrived at linehaul office", "Los Angeles"),
      new Step("CC_HO_IN_SUCCESS", Duration.ofHours(80), "Arrived at customs", "Los Angeles"),
      new Step("CC_IM_START", Duration.ofHours(84), "Import customs clearance started", "Los Angeles"),
      new Step("CC_IM_SUCCESS", Duration.ofHours(100), "Import customs clearance complete", "Los Angeles"),
      new Step("CC_HO_OUT_SUCCESS", Duration.ofHours(104), "Departed from customs", "Los Angeles"),
      new Step(HANDOFF_CODE, Duration.ofHours(110), "Accepted by last mile delivery company USPS", "Los Angeles"));

  /**
   * The last-mile events Cainiao mirrors from the last-mile carrier after the handoff (its {@code
   * GTMS_*} codes, cainiao-api.md), reported only when the emulator is told to mirror them: USPS
   * scans at the same instants (its inbound story: post office +44 h, out for delivery +52 h,
   * delivered +58 h after the handoff).
   */
  public static final List<Step> MIRRORED = List.of(
      new Step("GTMS_DO_ARRIVE", Duration.ofHours(110 + 44), "Arrived at final delivery office", "United States"),
      new Step("GTMS_DO_DEPART", Duration.ofHours(110 + 52), "Out for delivery", "United States"),
      new Step("GTMS_SIGNED", Duration.ofHours(110 + 58), "Package delivered", "United States"));

  /** Offset of the handoff to USPS from order creation. */
  public static final Duration HANDOFF_OFFSET = STEPS.get(STEPS.size() - 1).offset();

  private Timeline() {}
}
