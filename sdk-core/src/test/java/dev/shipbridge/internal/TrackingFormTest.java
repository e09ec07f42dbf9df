package dev.shipbridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loop that checks a tracking number's form answers as the regex it replaced. */
class TrackingFormTest {
  private static final Pattern FORM = Pattern.compile("[A-Z0-9]{6,40}");

  @Test
  void agreesWithTheRegex() {
    Random random = new Random(3);
    String alphabet = "AZ09az-_ ÄÉ9M";
    for (int i = 0; i < 100_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(45);
      for (int k = 0; k < len; k++) {
        sb.append(random.nextInt(8) > 0 ? (char) ('A' + random.nextInt(26)) : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      assertThat(CarrierRegistry.isTrackingForm(s)).as("'%s'", s).isEqualTo(FORM.matcher(s).matches());
    }
  }
}
