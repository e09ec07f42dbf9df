package dev.shipbridge.usps;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks recorded exchanges against USPS's OpenAPI specs, read from the folder named by the
 * system property {@value #PROPERTY} (never copied into the repository). Requests are always
 * validated; responses when they are JSON (the validator cannot check multipart bodies).
 */
public final class SpecConformance {
  public static final String PROPERTY = "shipbridge.usps.specs";
  public static final String SKIPPED = "USPS spec conformance skipped: system property " + PROPERTY
      + " is not set (CI runs mvn verify -D" + PROPERTY + "=$PWD/../shared/reference/usps)";

  /** Path prefix to spec file, most specific first. */
  static final Map<String, String> SPECS = new LinkedHashMap<>();

  static {
    SPECS.put("/oauth2/v3", "oauth2_3_update.yaml");
    SPECS.put("/payments/v3", "payments.yaml");
    SPECS.put("/prices/v3", "domestic-prices.yaml");
    SPECS.put("/international-prices/v3", "international-prices.yaml");
    SPECS.put("/labels/v3", "domestic-labels.yaml");
    SPECS.put("/international-labels/v3", "international-labels.yaml");
    SPECS.put("/tracking/v3r2", "tracking-v3r2_4.yaml");
    SPECS.put("/tracking/v3", "tracking.yaml");
    SPECS.put("/addresses/v3", "addresses.yaml");
    SPECS.put("/scan-forms/v3", "scan-forms.yaml");
    SPECS.put("/shipments/v3", "shipping-options.yaml");
    SPECS.put("/service-standards/v3", "service-standards_2_0.yaml");
    SPECS.put("/pickup/v3", "carrier-pickup.yaml");
    SPECS.put("/subscriptions-tracking/v3r2", "subscriptions-tracking-v3r2_1.yaml");
  }

  private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

  private SpecConformance() {}

  /** The specs folder, when the property names one. */
  public static Optional<Path> specsDir() {
    String v = System.getProperty(PROPERTY);
    if (v == null || v.isBlank() || v.startsWith("${")) return Optional.empty();
    return Optional.of(Path.of(v));
  }

  public static boolean enabled() {
    return specsDir().isPresent();
  }

  /** Skips the calling test, with a message saying so, when the specs are not configured. */
  public static void assumeSpecs() {
    Assumptions.assumeTrue(enabled(), SKIPPED);
    Assumptions.assumeTrue(Files.isDirectory(specsDir().get()), SKIPPED + " (folder " + specsDir().get() + " not found)");
  }

  /** Every violation in {@code exchanges}, one line each; empty when all conform. */
  public static List<String> violations(List<WireRecorder.Exchange> exchanges) {
    List<String> out = new ArrayList<>();
    for (WireRecorder.Exchange e : exchanges) out.addAll(violations(e));
    return out;
  }

  /** Violations of the requests only (for tests whose stubbed answers are broken on purpose). */
  public static List<String> requestViolations(List<WireRecorder.Exchange> exchanges) {
    List<String> out = new ArrayList<>();
    for (WireRecorder.Exchange e : exchanges) out.addAll(violations(e, false));
    return out;
  }

  public static List<String> violations(WireRecorder.Exchange e) {
    return violations(e, true);
  }

  static List<String> violations(WireRecorder.Exchange e, boolean responses) {
    String path = e.path();
    String spec = null;
    for (Map.Entry<String, String> s : SPECS.entrySet()) {
      if (path.startsWith(s.getKey() + "/")) {
        spec = s.getValue();
        break;
      }
    }
    if (spec == null) return List.of(e.method() + " " + path + ": no USPS spec covers this path");
    OpenApiInteractionValidator v = validator(spec);
    Request request = request(e);
    ValidationReport report = v.validateRequest(request);
    if (responses && e.status() > 0 && isJson(e.responseHeaders().get("Content-Type")) && e.responseBody().length > 0) {
      SimpleResponse.Builder rb = new SimpleResponse.Builder(e.status()).withBody(e.responseBody());
      e.responseHeaders().names().forEach(n -> rb.withHeader(n, e.responseHeaders().values(n)));
      report = report.merge(v.validateResponse(path, request.getMethod(), rb.build()));
    }
    List<String> out = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        out.add(e.method() + " " + path + " (" + spec + "): " + m.getKey() + ": " + m.getMessage()
            + (m.getAdditionalInfo().isEmpty() ? "" : " " + m.getAdditionalInfo()));
      }
    }
    return out;
  }

  private static Request request(WireRecorder.Exchange e) {
    SimpleRequest.Builder b = new SimpleRequest.Builder(e.method(), e.path());
    e.requestHeaders().names().forEach(n -> b.withHeader(n, e.requestHeaders().values(n)));
    if (e.requestContentType() != null) b.withContentType(e.requestContentType());
    for (String name : e.url().queryParameterNames()) b.withQueryParam(name, e.url().queryParameterValues(name));
    if (e.requestBody() != null) b.withBody(e.requestBody());
    return b.build();
  }

  /**
   * Resolving the specs' {@code allOf} combinators merges {@code required} lists, and some USPS
   * schemas then name a property twice (domestic-labels {@code senderAddress}), which the JSON
   * Schema validator rejects as a syntax error before validating anything. The duplicates carry no
   * meaning; they are dropped in memory (the spec files are never modified).
   */
  private static void dedupeRequired(OpenAPI api) {
    Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
      api.getComponents().getSchemas().values().forEach(sc -> dedupe(sc, seen));
    }
    if (api.getPaths() != null) {
      api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
          op.getRequestBody().getContent().values().forEach(mt -> dedupe(mt.getSchema(), seen));
        }
        if (op.getResponses() != null) {
          op.getResponses().values().forEach(r -> {
            if (r.getContent() != null) r.getContent().values().forEach(mt -> dedupe(mt.getSchema(), seen));
          });
        }
      }));
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void dedupe(Schema schema, Set<Schema<?>> seen) {
    if (schema == null || !seen.add(schema)) return;
    if (schema.getRequired() != null) schema.setRequired(new ArrayList<>(new LinkedHashSet<String>(schema.getRequired())));
    if (schema.getProperties() != null) ((Map<String, Schema>) schema.getProperties()).values().forEach(p -> dedupe(p, seen));
    if (schema.getItems() != null) dedupe(schema.getItems(), seen);
    if (schema.getAllOf() != null) ((List<Schema>) schema.getAllOf()).forEach(p -> dedupe(p, seen));
    if (schema.getOneOf() != null) ((List<Schema>) schema.getOneOf()).forEach(p -> dedupe(p, seen));
    if (schema.getAnyOf() != null) ((List<Schema>) schema.getAnyOf()).forEach(p -> dedupe(p, seen));
    if (schema.getAdditionalProperties() instanceof Schema ap) dedupe(ap, seen);
  }

  private static boolean isJson(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
  }

  private static OpenApiInteractionValidator validator(String spec) {
    return VALIDATORS.computeIfAbsent(spec, s -> {
      ParseOptions options = new ParseOptions();
      options.setResolve(true);
      options.setResolveFully(true);
      options.setResolveCombinators(true);
      String location = specsDir().orElseThrow().resolve(s).toUri().toString();
      SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation(location, null, options);
      if (parsed.getOpenAPI() == null) throw new IllegalStateException("cannot parse " + location + ": " + parsed.getMessages());
      dedupeRequired(parsed.getOpenAPI());
      return OpenApiInteractionValidator.createFor(parsed.getOpenAPI())
          .withParseOptions(options)
          .withResolveCombinators(true)
          .build();
    });
  }
}
