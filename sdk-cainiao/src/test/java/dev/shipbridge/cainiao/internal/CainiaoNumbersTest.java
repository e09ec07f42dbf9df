package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CainiaoNumbersTest {
  private final CainiaoNumbers m = CainiaoNumbers.INSTANCE;

  @Test
  void recognisesLpOrderCodesOfFourteenDigits() {
    assertThat(m.matches("LP00579396348112")).isTrue();
    assertThat(m.matches("LP00068434402473")).isTrue();
    assertThat(m.matches("LP0057939634811")).isFalse();
    assertThat(m.matches("LP005793963481120")).isFalse();
  }

  @Test
  void recognisesS10NumbersEndingCnOnlyWithAValidCheckDigit() {
    assertThat(m.matches("RB123456785CN")).isTrue();
    assertThat(m.matches("RB123456786CN")).isFalse();
    assertThat(m.matches("LZ123456789CN")).as("the commonly quoted example has a wrong check digit").isFalse();
  }

  @Test
  void checkDigitAgreesWithTheReferenceExamples() {
    assertThat(CainiaoNumbers.isValidS10("RB123456785GB")).isTrue();
    assertThat(CainiaoNumbers.isValidS10("UA048852166HK")).isTrue();
    assertThat(CainiaoNumbers.isValidS10("RB123456786US")).isFalse();
  }

  @Test
  void neverClaimsNumbersUspsOwns() {
    assertThat(m.matches("RB123456785US")).as("valid S10, but a US number").isFalse();
    assertThat(m.matches("9400111899223197428490")).as("USPS IMpb").isFalse();
    assertThat(m.matches("420112019400111899223197428490")).isFalse();
    assertThat(m.matches("RB123456785GB")).isFalse();
    assertThat(m.matches("AE010698498")).isFalse();
  }

  @Test
  void recognisesDocumentedCainiaoLaneNumbers() {
    assertThat(m.matches("CNFR9010481599571HD")).isTrue();
    assertThat(m.matches("CNUSUP00012345678")).isTrue();
    assertThat(m.matches("CNESP12345678901234567890")).isTrue();
  }
}
