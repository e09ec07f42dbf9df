package dev.shipbridge.testkit.cainiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignaturesTest {

  @Test
  void iopVerifierAcceptsTheThreeOfficialVectors() {
    Map<String, String> first = new LinkedHashMap<>();
    first.put("timestamp", "1517820392000");
    first.put("method", "aliexpress.logistics.redefining.getonlinelogisticsinfo");
    first.put("access_token", "test");
    first.put("sign_method", "sha256");
    first.put("app_key", "123456");
    first.put("aliexpress_category_id", "200135143");
    assertThat(Signatures.iopSign("", first, "helloworld", true))
        .isEqualTo("F7F7926B67316C9D1E8E15F7E66940ED3059B1638C497D77973F30046EFB5BBB");

    Map<String, String> second = Map.of("app_key", "12345678", "code", "3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26",
        "sign_method", "sha256", "timestamp", "1517820392000");
    assertThat(Signatures.iopSign("/auth/token/create", second, "helloworld", true))
        .isEqualTo("35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81");

    Map<String, String> third = Map.of("app_key", "12345678", "method", "aliexpress.affiliate.category.get",
        "sign_method", "sha256", "timestamp", "1517820392000");
    assertThat(Signatures.iopSign("", third, "helloworld", false))
        .isEqualTo("F3ABBAB059750C3CD6D341A2FDA939ECB0FA892120E9196270ED67D6EC1511DD");
  }

  @Test
  void iopSignatureIgnoresTheSignParameterItself() {
    Map<String, String> params = new LinkedHashMap<>(Map.of("app_key", "12345678",
        "method", "aliexpress.affiliate.category.get", "sign_method", "sha256", "timestamp", "1517820392000"));
    params.put("sign", "ANYTHING");
    assertThat(Signatures.iopSign("", params, "helloworld", true))
        .isEqualTo("F3ABBAB059750C3CD6D341A2FDA939ECB0FA892120E9196270ED67D6EC1511DD");
  }

  @Test
  void linkDigestMatchesTheOfficialVectorAndNotTheHexVariant() {
    assertThat(Signatures.linkDigest("hello1234", "key123", StandardCharsets.UTF_8))
        .isEqualTo("ufYU7rvXhHY3IDyZgyt6SA==");
    assertThat(Signatures.linkDigest("{\"mailNo\":\"LP00123456789012\",\"locale\":\"en_US\"}", "key123",
        StandardCharsets.UTF_8)).isEqualTo("cqvb9lDb7f3Oec/hqv2HZQ==");
    assertThat(Signatures.linkDigest("hello1234", "key123", StandardCharsets.UTF_8)).doesNotStartWith("YjlmNjE0");
  }

  @Test
  void s10CheckDigitFollowsUpuRules() {
    assertThat(Numbers.isValidS10("RB123456785GB")).isTrue();
    assertThat(Numbers.isValidS10("UA048852166HK")).isTrue();
    assertThat(Numbers.isValidS10("EZ000012162US")).isTrue();
    assertThat(Numbers.isValidS10("RB123456786US")).isFalse();
    assertThat(Numbers.isValidS10("LZ123456789CN")).isFalse();
    assertThat(Numbers.s10CheckDigit("47312482")).isEqualTo(9);
  }

  @Test
  void impbCheckDigitMatchesRealUspsNumbers() {
    for (String real : new String[] {"9205590109769900012613", "9400109104250532908587", "9434650899562092878282",
        "9400136106195372355532", "9400111201080805483016"}) {
      assertThat(Numbers.isValidImpb(real)).as(real).isTrue();
    }
    assertThat(Numbers.isValidImpb("9400109104250532908588")).isFalse();
    assertThat(Numbers.impb(42)).hasSize(22).startsWith("9400").satisfies(n -> assertThat(Numbers.isValidImpb(n)).isTrue());
  }

  @Test
  void labelPdfIsAWellFormedPdf() {
    byte[] pdf = Pdfs.textPage(java.util.List.of("hello (world)"));
    String text = new String(pdf, StandardCharsets.US_ASCII);
    assertThat(text).startsWith("%PDF-1.4").contains("startxref").endsWith("%%EOF\n");
    int startxref = Integer.parseInt(text.substring(text.indexOf("startxref") + 10, text.indexOf("\n%%EOF")).trim());
    assertThat(text.substring(startxref)).startsWith("xref");
  }
}
