package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressPartsTest {
  @Test
  void acceptsE164WithOrWithoutPlusAndNationalNumbersOnly() {
    assertThat(AddressParts.isPhone("+8613800138000")).isTrue();
    assertThat(AddressParts.isPhone("3145550100")).isTrue();
    assertThat(AddressParts.isPhone("012345")).isTrue();
    assertThat(AddressParts.isPhone("+0123456789")).isFalse();
    assertThat(AddressParts.isPhone("12345")).isFalse();
    assertThat(AddressParts.phone("(314) 555-0100")).isEqualTo("3145550100");
    assertThat(AddressParts.phone("call me")).isNull();
  }

  @Test
  void foldsRunsOfWhitespaceToOneSpace() {
    assertThat(AddressParts.singleSpaced("1100  Wyoming\t\nSuite 150")).isEqualTo("1100 Wyoming Suite 150");
    assertThat(AddressParts.singleSpaced("4120 Bingham Ave")).isEqualTo("4120 Bingham Ave");
  }
}
