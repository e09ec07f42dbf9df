package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.Label;
import dev.shipbridge.model.Label.Charge;
import dev.shipbridge.model.Label.ChargeKind;
import dev.shipbridge.model.Money;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** USPS label answers (issue 16 item 6): fees, total, zone, commitment and receipt on the Label. */
class LabelAnswerShapesTest {
  private static final String CT = "multipart/form-data; boundary=FNfrpx9bbvOkzqOIlaOc8mp+";

  @Test
  void theFeeBreakdownTotalZoneCommitmentAndReceiptAreOnTheLabel() {
    Label label = Fixtures.label(CT, Fixtures.bytes("label/domestic-fees-receipt.response.multipart.txt"),
        LabelMapperTest.domestic().build(), "u", Fixtures.JSON);
    assertThat(label.charges()).containsExactly(
        new Charge(ChargeKind.POSTAGE, null, "DPXR0XXXXC01020", Money.of("10.7", "USD")),
        new Charge(ChargeKind.EXTRA_SERVICE, "USPS Tracking", "DXTU0EXXXCX0000", Money.of("0", "USD")),
        new Charge(ChargeKind.EXTRA_SERVICE, "Insurance <= $500", "DXIX0XXXXCX0000", Money.of("2.75", "USD")),
        new Charge(ChargeKind.FEE, "Nonstandard Length fee > 22 in.", "DXFX0XXXXCX0022", Money.of("4", "USD")),
        new Charge(ChargeKind.FEE, "Nonstandard Volume fee > 2 cu ft", "DXFX0XXXXCX0002", Money.of("15", "USD")));
    assertThat(label.postage().amount()).isEqualByComparingTo("32.45");
    assertThat(label.zone()).isEqualTo("01");
    assertThat(label.commitment()).isEqualTo(new Label.Commitment("2-Day", LocalDate.parse("2026-03-04"),
        LocalDate.parse("2026-03-04")));
    assertThat(new String(label.receipt(), StandardCharsets.US_ASCII)).startsWith("%PDF-1.4\n%RECEIPT");
    assertThat(new String(label.content(), StandardCharsets.US_ASCII)).doesNotContain("RECEIPT");
    assertThat(label.toString()).contains("receiptBytes=");
  }

  @Test
  void aLabelWithoutFeesOrReceiptHasItsPostageAndExtrasOnly() {
    Label label = Fixtures.label(CT, Fixtures.bytes("label/domestic.response.multipart.txt"),
        LabelMapperTest.domestic().build(), "u", Fixtures.JSON);
    assertThat(label.charges()).extracting(Charge::kind)
        .containsExactly(ChargeKind.POSTAGE, ChargeKind.EXTRA_SERVICE, ChargeKind.EXTRA_SERVICE);
    assertThat(label.postage().amount()).isEqualByComparingTo("13.45");
    assertThat(label.receipt()).isNull();
    assertThat(label.commitment().expectedDelivery()).isNull();
  }
}
