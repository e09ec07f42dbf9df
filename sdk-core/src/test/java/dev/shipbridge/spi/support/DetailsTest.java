package dev.shipbridge.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetailsTest {
  @Test
  void buildsWhatAFilteredMapWouldHoldForEverySize() {
    for (int n = 0; n <= 20; n++) {
      Details d = new Details();
      Map<String, String> expected = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        d.put("k" + i, " v" + i + " ");
        expected.put("k" + i, "v" + i);
        d.put("blank" + i, "  ").put("null" + i, null).put("k" + i, "repeated");
      }
      Map<String, String> built = d.build();
      assertThat(built).as("size %d", n).isEqualTo(expected);
      assertThatThrownBy(() -> built.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
