package dev.shipbridge.benchmarks;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Tracking;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The same calls through Shipbridge ({@code sdk*}) and through {@link RawClient} ({@code raw*}).
 * Subclasses carry the JMH state and run settings and set the fields up in their {@code @Setup}.
 */
public abstract class SdkVsRawBenchmark {
  protected Shipbridge shipbridge;
  protected RawClient raw;
  protected String trackingNumber;
  protected LabelRequest labelRequest;

  @Benchmark
  public QuoteResult sdkQuote() {
    return shipbridge.quote(Fixtures.DOMESTIC_QUOTE);
  }

  @Benchmark
  public Tracking sdkTrack() {
    return shipbridge.track(trackingNumber);
  }

  @Benchmark
  public Label sdkLabel() {
    return shipbridge.label(labelRequest);
  }

  @Benchmark
  public double rawQuote() {
    return raw.quote();
  }

  @Benchmark
  public int rawTrack() {
    return raw.track();
  }

  @Benchmark
  public int rawLabel() {
    return raw.label();
  }
}
