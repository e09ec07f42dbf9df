package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks that replaced two per-label regexes answer exactly as the regexes did. */
class AddressPartsLoopsTest {
  private static final Pattern PHONE = Pattern.compile("^\\+?[1-9][0-9]{7,14}$|^[0-9]{6,15}$");
  private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

  @Test
  void phoneCheckMatchesTheRegex() {
    Random random = new Random(7);
    String alphabet = "0123456789+ -a";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(19);
      for (int k = 0; k < len; k++) {
        sb.append(k == 0 || random.nextInt(10) > 0 ? alphabet.charAt(random.nextInt(alphabet.length() - 3))
            : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      assertThat(AddressParts.isPhone(s)).as("'%s'", s).isEqualTo(PHONE.matcher(s).matches());
    }
    assertThat(AddressParts.isPhone("+8613800138000")).isTrue();
    assertThat(AddressParts.isPhone("+0123456789")).isFalse();
    assertThat(AddressParts.isPhone("012345")).isTrue();
  }

  @Test
  void spacingMatchesTheRegex() {
    Random random = new Random(11);
    String alphabet = "ab \t\n\r\f\u000B\u00A0";
    for (int i = 0; i < 100_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(12);
      for (int k = 0; k < len; k++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String s = sb.toString();
      assertThat(AddressParts.singleSpaced(s)).as("'%s'", s).isEqualTo(WHITESPACE_RUN.matcher(s).replaceAll(" "));
    }
  }
}
