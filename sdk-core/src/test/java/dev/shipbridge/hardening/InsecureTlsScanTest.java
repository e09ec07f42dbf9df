package dev.shipbridge.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A static check over the main sources of every module: no code that switches TLS verification
 * off. Tests may build trust-all helpers for their own servers; shipped code may not.
 */
class InsecureTlsScanTest {
  /** What switches certificate or hostname checks off, by name, with a pattern that finds it. */
  static final Map<String, Pattern> INSECURE = Map.of(
      "X509TrustManager whose checkServerTrusted does nothing",
      Pattern.compile("void\\s+checkServerTrusted\\s*\\([^)]*\\)\\s*(throws\\s+[\\w.,\\s]+)?\\{\\s*(return\\s*;\\s*)?}"),
      "HostnameVerifier that accepts every host (lambda)",
      Pattern.compile("\\(\\s*(\\w+\\s+)?\\w+\\s*,\\s*(\\w+\\s+)?\\w+\\s*\\)\\s*->\\s*\\{?\\s*(return\\s+)?true\\b"),
      "HostnameVerifier that accepts every host (method)",
      Pattern.compile("boolean\\s+verify\\s*\\(\\s*String\\s+\\w+\\s*,\\s*SSLSession\\s+\\w+\\s*\\)\\s*\\{\\s*return\\s+true\\s*;\\s*}"),
      "ALLOW_ALL hostname verifier",
      Pattern.compile("\\bALLOW_ALL\\w*"),
      "NoopHostnameVerifier or TrustAllStrategy",
      Pattern.compile("\\b(NoopHostnameVerifier|TrustAllStrategy|TrustSelfSignedStrategy|InsecureTrustManagerFactory)\\b"),
      "OkHttp insecure host (trusts any certificate for a host)",
      Pattern.compile("\\.addInsecureHost\\s*\\("));

  private static Path repositoryRoot() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path pom = p.resolve("pom.xml");
      if (Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>shipbridge-parent</artifactId>")
          && Files.isDirectory(p.resolve("sdk-core"))) {
        return p;
      }
    }
    throw new IllegalStateException("no Shipbridge repository above " + here);
  }

  /** Every .java and .kt file under some module's src/main. */
  private static List<Path> mainSources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".kt"))
          .filter(f -> root.relativize(f).toString().replace('\\', '/').matches("[^/]+/src/main/.*"))
          .sorted().toList();
    }
  }

  static List<String> findings(String source) {
    String code = withoutComments(source);
    List<String> out = new ArrayList<>();
    for (var e : INSECURE.entrySet()) {
      Matcher m = e.getValue().matcher(code);
      while (m.find()) out.add(e.getKey() + ": " + m.group().replaceAll("\\s+", " "));
    }
    return out;
  }

  /** Drops comments, so that documentation may name what it warns against. */
  static String withoutComments(String s) {
    return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ");
  }

  @Test
  void mainSourcesOfEveryModuleKeepTlsVerificationOn() throws IOException {
    Path root = repositoryRoot();
    List<Path> sources = mainSources(root);
    assertThat(sources).as("main sources found under %s", root)
        .anySatisfy(p -> assertThat(p.toString()).contains("sdk-core").endsWith("HttpTransport.java"));

    List<String> problems = new ArrayList<>();
    for (Path f : sources) {
      for (String finding : findings(Files.readString(f, StandardCharsets.UTF_8))) {
        problems.add(root.relativize(f) + ": " + finding);
      }
    }
    assertThat(problems).as("insecure TLS in main code").isEmpty();
  }

  @Test
  void theScanFindsEachKindOfInsecureCode() {
    // Each pattern must catch the idiom it names, or the scan above proves nothing.
    assertThat(findings("""
        new X509TrustManager() {
          public void checkClientTrusted(X509Certificate[] c, String a) {}
          public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { }
          public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };""")).singleElement().asString().startsWith("X509TrustManager");
    assertThat(findings("public void checkServerTrusted(X509Certificate[] c, String a) { return; }")).hasSize(1);
    assertThat(findings("builder.hostnameVerifier((hostname, session) -> true);")).hasSize(1);
    assertThat(findings("builder.hostnameVerifier((String h, SSLSession s) -> { return true; });")).hasSize(1);
    assertThat(findings("public boolean verify(String hostname, SSLSession session) { return true; }")).hasSize(1);
    assertThat(findings("SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER")).hasSize(1);
    assertThat(findings("HostnameVerifier v = NoopHostnameVerifier.INSTANCE;")).hasSize(1);
    assertThat(findings("new HandshakeCertificates.Builder().addInsecureHost(host).build()")).hasSize(1);
  }

  @Test
  void theScanLeavesSafeCodeAndCommentsAlone() {
    assertThat(findings("""
        // never use ALLOW_ALL or (h, s) -> true
        /* checkServerTrusted(X509Certificate[] c, String a) {} is what a trust-all manager does */
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
          delegate.checkServerTrusted(chain, authType);
        }
        list.removeIf((a, b) -> a.equals(b));
        map.computeIfAbsent(k, x -> true);
        """)).isEmpty();
  }
}
