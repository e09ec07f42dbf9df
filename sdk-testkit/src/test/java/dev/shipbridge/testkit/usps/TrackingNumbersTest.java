package dev.shipbridge.testkit.usps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingNumbersTest {
  @Test
  void acceptsRealImpbNumbersFromTheReference() {
    assertThat(new String[] {"9205590109769900012613", "9261290109769900895969", "9400109104250532908587",
        "9434650899562092878282", "9400136106195372355532", "92748931507708513018050063", "03071790000523483741"})
        .allSatisfy(n -> assertThat(TrackingNumbers.isValidImpb(n)).as(n).isTrue());
    assertThat(TrackingNumbers.isValidImpb("9205590109769900012614")).isFalse();
  }

  @Test
  void stripsRoutingPrefixBeforeValidating() {
    assertThat(TrackingNumbers.stripRoutingPrefix("4202215391010268373310000395 21".replace(" ", "")))
        .isEqualTo("9101026837331000039521");
    assertThat(TrackingNumbers.stripRoutingPrefix("4201002334249200190132607600833457"))
        .isEqualTo("9200190132607600833457");
  }

  @Test
  void computesS10CheckDigitAsInTheUpuExample() {
    assertThat(TrackingNumbers.s10CheckDigit("47312482")).isEqualTo(9);
    assertThat(TrackingNumbers.isValidS10("EZ000012162US")).isTrue();
    assertThat(TrackingNumbers.isValidS10(TrackingNumbers.s10("CP", 12345678))).isTrue();
  }

  @Test
  void generatedImpbNumbersValidate() {
    for (long serial = 1; serial < 2000; serial += 37) {
      String n = TrackingNumbers.impb("055", "903619809", serial);
      assertThat(n).hasSize(22);
      assertThat(TrackingNumbers.isValidImpb(n)).as(n).isTrue();
    }
  }
}
