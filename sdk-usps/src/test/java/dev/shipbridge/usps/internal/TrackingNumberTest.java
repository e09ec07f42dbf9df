package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TrackingNumberTest {
  @ParameterizedTest
  @ValueSource(strings = {"9205590109769900012613", "9261290109769900895969", "9400109104250532908587",
      "9434650899562092878282", "9400136106195372355532", "9205590006662200704797", "9400111201080805483016",
      "9361289878700317633795", "9405803699300124287899", "9505511069605048600624", "92748931507708513018050063",
      "03071790000523483741"})
  void acceptsTheRealImpbNumbersOfTheReference(String n) {
    assertThat(ImpbNumber.matches(n)).isTrue();
    assertThat(ImpbNumber.stripRouting(n)).isEqualTo(n);
  }

  @Test
  void acceptsRoutingPrefixedNumbersWithFiveAndNineDigitZipsAndStripsThePrefix() {
    assertThat(ImpbNumber.impbPart("420221539101026837331000039521")).contains("9101026837331000039521");
    assertThat(ImpbNumber.impbPart("4201002334249200190132607600833457")).contains("9200190132607600833457");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9205590109769900012614", "9400109104250532908580", "92748931507708513018050064",
      "420221539101026837331000039522", "03071790000523483742"})
  void neverClaimsAnImpbWithAWrongCheckDigit(String n) {
    assertThat(ImpbNumber.matches(n)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "940010910425053290858", "9600109104250532908587", "LP00123456789012",
      "94001091042505329085X7", "1Z999AA10123456784"})
  void rejectsWrongLengthsPrefixesAndNonDigits(String n) {
    assertThat(ImpbNumber.matches(n)).isFalse();
  }

  @Test
  void computesTheMod10CheckDigitOverTheSerial() {
    assertThat(ImpbNumber.checkDigit("940010910425053290858")).isEqualTo(7);
  }

  @Test
  void acceptsUspsS10NumbersWithTheirMod11CheckDigit() {
    assertThat(S10Number.matchesUsps("EZ000012162US")).isTrue();
    assertThat(S10Number.checkDigit("47312482")).isEqualTo(9);
    assertThat(S10Number.matchesUsps("RR473124829US")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"EZ000012163US", "RR473124828US"})
  void neverClaimsAnS10NumberWithAWrongCheckDigit(String n) {
    assertThat(S10Number.matchesUsps(n)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"RR473124829CN", "EZ000012162GB", "LP00123456789012", "EZ00001216US"})
  void neverClaimsOtherPostsS10NumbersOrCainiaoOrderCodes(String n) {
    assertThat(S10Number.matchesUsps(n)).isFalse();
    assertThat(ImpbNumber.matches(n)).isFalse();
  }

  @Test
  void s10CheckDigitMapsTenToZeroAndElevenToFive() {
    assertThat(S10Number.checkDigit("00000000")).isEqualTo(5); // sum 0: 11 - 0 = 11 -> 5
    assertThat(S10Number.checkDigit("02000000")).isEqualTo(0); // sum 12 = 1 mod 11: 11 - 1 = 10 -> 0
  }
}
