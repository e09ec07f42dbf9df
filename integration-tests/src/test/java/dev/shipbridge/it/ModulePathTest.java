package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library on the MODULE path: a fresh JVM gets sdk-core, sdk-usps, sdk-cainiao and their
 * dependencies as modules ({@code --module-path}) and {@link ModulePathMain} with the testkit emulators
 * on the class path. There both carriers are found by {@code ServiceLoader} through the modules'
 * {@code provides}, answer calls to the emulators, and no {@code internal} package is exported.
 */
class ModulePathTest {
  /** Class path entries that go on the module path: the library modules and their runtime dependencies. */
  private static final Pattern MODULES = Pattern.compile(
      ".*(sdk-(core|usps|cainiao)[/\\\\]target[/\\\\]classes|shipbridge-(core|usps|cainiao)-[^/\\\\]*\\.jar"
          + "|jackson-(annotations|core|databind)-[^/\\\\]*\\.jar|okhttp-jvm-[^/\\\\]*\\.jar"
          + "|okio-jvm-[^/\\\\]*\\.jar|kotlin-stdlib-[^/\\\\]*\\.jar|resilience4j-[^/\\\\]*\\.jar"
          + "|slf4j-api-[^/\\\\]*\\.jar)");
  private static String output;
  private static int exit;

  @BeforeAll
  static void runOnTheModulePath() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> modulePath = new ArrayList<>();
    List<String> classPath = new ArrayList<>();
    for (String e : cp.split(Pattern.quote(File.pathSeparator))) {
      if (e.isBlank()) continue;
      (MODULES.matcher(e).matches() ? modulePath : classPath).add(e);
    }
    assertThat(modulePath).as("library modules found on the test class path " + cp)
        .anyMatch(e -> e.contains("sdk-usps") || e.contains("shipbridge-usps"))
        .anyMatch(e -> e.contains("sdk-cainiao") || e.contains("shipbridge-cainiao"))
        .anyMatch(e -> e.contains("sdk-core") || e.contains("shipbridge-core"));
    Path log = Files.createTempFile("module-path", ".txt");
    try {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--module-path", String.join(File.pathSeparator, modulePath),
          "--add-modules", "dev.shipbridge.usps,dev.shipbridge.cainiao",
          "-cp", String.join(File.pathSeparator, classPath),
          ModulePathMain.class.getName())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      // a guard against a hung child, not a timing assertion
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("the module-path JVM did not finish");
      }
      exit = p.exitValue();
      output = Files.readString(log, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static List<String> lines(String prefix) {
    return output.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
  }

  @Test
  void bothCarriersAreDiscoveredThroughTheModulesProvidesAndAnswerTheEmulators() {
    assertThat(exit).as(output).isZero();
    assertThat(lines("core.module=")).as(output).containsExactly("core.module=dev.shipbridge.core");
    assertThat(lines("providers=")).as(output).containsExactly("providers=["
        + "dev.shipbridge.cainiao/dev.shipbridge.cainiao.internal.CainiaoCarrierProvider, "
        + "dev.shipbridge.usps/dev.shipbridge.usps.internal.UspsCarrierProvider]");
    for (String policy : List.of("default.", "permissive.")) {
      assertThat(lines(policy + "carriers=")).as(output).containsExactly(policy + "carriers=[usps, cainiao]");
      assertThat(lines(policy + "usps.track=")).as(output).singleElement().asString()
          .startsWith(policy + "usps.track=usps ").doesNotEndWith("events=0");
      assertThat(lines(policy + "quoted=")).as(output).singleElement().asString().contains("cainiao");
    }
  }

  @Test
  void onlyPublicPackagesAreExportedAndInternalOnesAreOpenToJacksonAlone() {
    assertThat(exit).as(output).isZero();
    List<String> packages = lines("package ");
    assertThat(packages).as(output)
        .contains("package dev.shipbridge.core/dev.shipbridge exported=true openToJackson=false",
            "package dev.shipbridge.core/dev.shipbridge.spi exported=true openToJackson=false",
            "package dev.shipbridge.usps/dev.shipbridge.usps exported=true openToJackson=false",
            "package dev.shipbridge.cainiao/dev.shipbridge.cainiao exported=true openToJackson=false",
            "package dev.shipbridge.usps/dev.shipbridge.usps.internal exported=false openToJackson=true",
            "package dev.shipbridge.cainiao/dev.shipbridge.cainiao.internal exported=false openToJackson=true");
    assertThat(packages).as("no internal package is exported")
        .filteredOn(l -> l.contains(".internal ")).isNotEmpty().allMatch(l -> l.contains("exported=false"));
    assertThat(lines("internal.access=")).as(output).containsExactly("internal.access=refused");
    assertThat(lines("main.named=")).containsExactly("main.named=false");
  }
}
