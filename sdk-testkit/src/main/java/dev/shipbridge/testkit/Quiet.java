package dev.shipbridge.testkit;

import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.util.List;

/** WireMock settings both emulators share: no console output, no stub files from the working directory. */
final class Quiet {
  private Quiet() {}

  /** Prints nothing. */
  static final Notifier NOTIFIER = new Notifier() {
    @Override
    public void info(String message) {}

    @Override
    public void error(String message) {}

    @Override
    public void error(String message, Throwable t) {}
  };

  /** Never reads stubs from {@code src/test/resources/mappings} of whoever embeds an emulator, and saves none. */
  static final MappingsSource NO_FILE_MAPPINGS = new MappingsSource() {
    @Override
    public void loadMappingsInto(StubMappings stubMappings) {}

    @Override
    public void save(List<StubMapping> stubMappings) {}

    @Override
    public void save(StubMapping stubMapping) {}

    @Override
    @SuppressWarnings("removal")
    public void remove(StubMapping stubMapping) {}

    @Override
    public void removeAll() {}
  };
}
