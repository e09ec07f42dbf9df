package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignersTest {
  @Test
  void linkDigestMatchesTheOfficialVector() {
    assertThat(Signers.linkDigest("hello1234", "key123", StandardCharsets.UTF_8)).isEqualTo("ufYU7rvXhHY3IDyZgyt6SA==");
  }

  @Test
  void linkDigestMatchesTheReferenceTrackingPayloadVector() {
    assertThat(Signers.linkDigest("{\"mailNo\":\"LP00123456789012\",\"locale\":\"en_US\"}", "key123", StandardCharsets.UTF_8))
        .isEqualTo("cqvb9lDb7f3Oec/hqv2HZQ==");
  }

  @Test
  void linkDigestIsBase64OfTheRawMd5NotOfItsHexForm() {
    String digest = Signers.linkDigest("hello1234", "key123", StandardCharsets.UTF_8);
    assertThat(Base64.getDecoder().decode(digest)).hasSize(16);
    assertThat(digest).doesNotStartWith("YjlmNjE0ZWViYmQ3");
  }

  @Test
  void linkDigestUsesTheConfiguredCharset() {
    Charset gbk = Charset.forName("GBK");
    String content = "{\"name\":\"菜鸟\"}";
    assertThat(Signers.linkDigest(content, "key123", gbk)).isNotEqualTo(Signers.linkDigest(content, "key123", StandardCharsets.UTF_8));
    assertThat(Signers.verifyLink(content, Signers.linkDigest(content, "key123", gbk), "key123", gbk)).isTrue();
  }

  @Test
  void linkVerificationRefusesWrongTruncatedAndNonBase64Digests() {
    assertThat(Signers.verifyLink("hello1234", "ufYU7rvXhHY3IDyZgyt6SA==", "key123", StandardCharsets.UTF_8)).isTrue();
    assertThat(Signers.verifyLink("hello1235", "ufYU7rvXhHY3IDyZgyt6SA==", "key123", StandardCharsets.UTF_8)).isFalse();
    assertThat(Signers.verifyLink("hello1234", "ufYU7rvXhHY3", "key123", StandardCharsets.UTF_8)).isFalse();
    assertThat(Signers.verifyLink("hello1234", "not base64 !!", "key123", StandardCharsets.UTF_8)).isFalse();
    assertThat(Signers.verifyLink("hello1234", null, "key123", StandardCharsets.UTF_8)).isFalse();
  }

  @Test
  void iopSignatureMatchesTheOfficialMethodStyleVector() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("method", "aliexpress.logistics.redefining.getonlinelogisticsinfo");
    p.put("app_key", "123456");
    p.put("timestamp", "1517820392000");
    p.put("access_token", "test");
    p.put("sign_method", "sha256");
    p.put("aliexpress_category_id", "200135143");
    assertThat(Signers.iop(p, "helloworld"))
        .isEqualTo("F7F7926B67316C9D1E8E15F7E66940ED3059B1638C497D77973F30046EFB5BBB");
  }

  @Test
  void iopSignatureMatchesTheAffiliateVector() {
    Map<String, String> p = Map.of("app_key", "12345678", "method", "aliexpress.affiliate.category.get",
        "sign_method", "sha256", "timestamp", "1517820392000");
    assertThat(Signers.iop(p, "helloworld"))
        .isEqualTo("F3ABBAB059750C3CD6D341A2FDA939ECB0FA892120E9196270ED67D6EC1511DD");
  }

  @Test
  void iopSignatureSkipsEmptyParametersAndTheSignItself() {
    Map<String, String> base = new LinkedHashMap<>(Map.of("app_key", "12345678", "method", "aliexpress.affiliate.category.get",
        "sign_method", "sha256", "timestamp", "1517820392000"));
    String expected = Signers.iop(base, "helloworld");
    base.put("empty", "");
    base.put("blank", "  ");
    base.put("sign", "F00");
    assertThat(Signers.iop(base, "helloworld")).isEqualTo(expected);
    assertThat(HexFormat.of().parseHex(expected)).hasSize(32);
  }
}
