package dev.shipbridge.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlsTest {
  @ParameterizedTest
  @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "127.255.255.255", "::1",
      "0:0:0:0:0:0:0:1", "0000::0001", "::ffff:127.0.0.1"})
  void loopbackLiteralsAreLoopback(String host) {
    assertThat(BaseUrls.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "127.attacker.example", "127.0.0.1.example", "localhost.example", "127.0.0.256",
      "127.1", "128.0.0.1", "10.0.0.1", "::2", "::ffff:10.0.0.1", "example.com", "0.0.0.0", "::", "1:2:3"})
  void namesAndOtherAddressesAreNotLoopback(String host) {
    assertThat(BaseUrls.isLoopback(host)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://apis.usps.com", "https://example.com:8443/base", "http://127.0.0.1:8080",
      "http://localhost:1234/x", "http://[::1]:9090"})
  void httpsAnywhereAndHttpToLoopbackAreAllowed(String url) {
    assertThat(BaseUrls.isSecureOrLoopback(HttpUrl.get(url))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://apis.usps.com", "http://127.attacker.example", "http://10.1.1.1:8080",
      "http://[::2]:80"})
  void plainHttpElsewhereIsRefused(String url) {
    assertThat(BaseUrls.isSecureOrLoopback(HttpUrl.get(url))).isFalse();
  }

  @org.junit.jupiter.api.Test
  void noUrlIsRefused() {
    assertThat(BaseUrls.isSecureOrLoopback(null)).isFalse();
    assertThat(BaseUrls.isLoopback(null)).isFalse();
  }
}
