package dev.shipbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shipbridge.spi.support.KnownSecrets;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.Headers;

/**
 * What Shipbridge hides before it logs anything, at every level: secret headers, and JSON, form
 * and query fields holding secrets or personal data. Immutable; adapters extend the defaults with
 * their carrier's own names.
 *
 * <p>Field names match whatever their case or separators ({@code receiver_name} is {@code
 * RECEIVER-NAME}); a matching scalar is masked, a matching object or array searched. A bare {@code
 * name} is masked unless its object is a public offer (a service, fee, commitment..., told by its
 * holder field or a marker such as {@code SKU} beside it) with nothing personal beside it, so
 * service names stay readable at TRACE. E-mail addresses and {@link
 * dev.shipbridge.spi.support.KnownSecrets} values are masked wherever they are.
 *
 * <pre>{@code
 * HttpTransport transport = context.transport().withRedaction(
 *     context.transport().redaction().withFields("logistics_interface", "buyer_memo"));
 * }</pre>
 */
public final class Redaction {
  /** What a hidden value is replaced with. */
  public static final String MASK = "██";

  /** Headers hidden by default. */
  public static final Set<String> DEFAULT_HEADERS = Set.of("Authorization", "Proxy-Authorization",
      "X-Payment-Authorization-Token", "Cookie", "Set-Cookie", "X-Api-Key");

  /** JSON, form and query fields hidden by default. */
  public static final Set<String> DEFAULT_FIELDS = Set.of(
      // secrets
      "client_secret", "access_token", "session", "refresh_token", "id_token", "token", "app_secret", "secret", "secret_key",
      "password", "sign", "signature", "data_digest", "paymentAuthorizationToken", "authorization",
      // account numbers
      "accountNumber", "permitNumber",
      // names
      "name", "firstName", "lastName", "middleName", "fullName", "contactName", "receiver_name", "sender_name",
      "buyer_name", "seller_name", "attention", "companyName", "firm", "recipient", "sender", "receiver",
      // street lines
      "streetAddress", "secondaryAddress", "address", "address1", "address2", "address3", "addressLine1",
      "addressLine2", "addressLine3", "line1", "line2", "line3", "street", "street1", "street2", "street3",
      "detail_address", "detailAddress", "urbanization",
      // phones and e-mails
      "phone", "phoneNumber", "mobile", "mobilePhone", "telephone", "tel", "fax", "email", "emailAddress", "e_mail");

  private static final List<String> SUFFIXES = List.of("phone", "phonenumber", "email", "emailaddress",
      "streetaddress", "secret", "token", "password", "mobile");
  /** Field names whose objects are public offers: a bare {@code name} in them names a service. */
  private static final List<String> PUBLIC_CONTEXTS = List.of("service", "solution", "product", "fee", "rate",
      "commitment", "mailclass", "option", "charge");
  /** Words after the one that names what a holder holds: {@code usable_solution_list}, {@code servicesByID}. */
  private static final Set<String> CONTAINER_WORDS = Set.of("list", "lists", "array", "items", "by", "id", "ids",
      "set", "info", "infos", "details", "data");
  /** Fields that mark an object as a public offer wherever it is. */
  private static final Set<String> SERVICE_MARKERS = Set.of("sku", "serviceid", "extraservice", "servicecode",
      "solutioncode", "productcode", "mailclass", "scheduledeliverydate", "expecteddeliverydate");
  private static final String NAME = "name";
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\"]+@[^@\\s\"]+\\.[A-Za-z]{2,}");
  private static final Redaction DEFAULTS = new Redaction(DEFAULT_HEADERS, DEFAULT_FIELDS);

  private final Set<String> headers;
  private final Set<String> fields;

  private Redaction(Collection<String> headers, Collection<String> fields) {
    this.headers = headers.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    this.fields = fields.stream().map(Redaction::normalize).collect(Collectors.toUnmodifiableSet());
  }

  public static Redaction defaults() {
    return DEFAULTS;
  }

  /** These redactions plus more header names. */
  public Redaction withHeaders(String... names) {
    Set<String> h = new HashSet<>(headers);
    for (String n : names) h.add(Objects.requireNonNull(n, "name"));
    return new Redaction(h, fields);
  }

  /** These redactions plus more JSON, form and query field names. */
  public Redaction withFields(String... names) {
    Set<String> f = new HashSet<>(fields);
    for (String n : names) f.add(Objects.requireNonNull(n, "name"));
    return new Redaction(headers, f);
  }

  public boolean isRedactedHeader(String name) {
    return headers.contains(name.toLowerCase(Locale.ROOT));
  }

  public boolean isRedactedField(String name) {
    String n = normalize(name);
    if (fields.contains(n)) return true;
    for (String s : SUFFIXES) if (n.endsWith(s)) return true;
    return false;
  }

  /** Headers as {@code name: value} lines, secret values masked. */
  public String headers(Headers h) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < h.size(); i++) {
      sb.append("\n  ").append(h.name(i)).append(": ").append(isRedactedHeader(h.name(i)) ? MASK : maskEmails(h.value(i)));
    }
    return KnownSecrets.mask(sb.toString());
  }

  /** A free-text value as it may be logged: e-mail addresses in it masked. */
  public String text(String value) {
    return value == null ? null : maskEmails(value);
  }

  /**
   * A loggable rendering of a body: JSON and form bodies with redacted fields masked; anything
   * else only by size and type, never its content.
   */
  public String body(byte[] body, String contentType) {
    if (body == null || body.length == 0) return "(no body)";
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String text = new String(body, StandardCharsets.UTF_8);
    if (ct.contains("json") || (ct.isEmpty() && looksLikeJson(text))) {
      String r = json(text);
      return r != null ? r : "(" + body.length + " bytes of unparseable JSON)";
    }
    if (ct.contains("x-www-form-urlencoded")) return form(text);
    return "(" + body.length + " bytes" + (ct.isEmpty() ? "" : ", " + ct) + ")";
  }

  /** A JSON document with redacted fields masked, or null when it does not parse. */
  public String json(String text) {
    try {
      JsonNode n = JsonCodec.standard().mapper().readTree(text);
      if (n == null || n.isMissingNode()) return null;
      return KnownSecrets.mask(redact(n, null).toString());
    } catch (Exception e) {
      return null;
    }
  }

  /** A form body with redacted fields masked; JSON inside a field is redacted as JSON. */
  public String form(String text) {
    StringBuilder sb = new StringBuilder();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      String shown;
      if (isRedactedField(name)) shown = MASK;
      else if (looksLikeJson(value)) {
        String r = json(value);
        shown = r != null ? r : MASK;
      } else if (value.stripLeading().startsWith("<")) shown = MASK + "(xml, " + value.length() + " chars)";
      else shown = maskEmails(value);
      if (sb.length() > 0) sb.append('&');
      sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(shown);
    }
    return KnownSecrets.mask(sb.toString());
  }

  /** Redacts {@code n} in place; {@code holder} is the field the node (or its array) is the value of. */
  private JsonNode redact(JsonNode n, String holder) {
    if (n instanceof ObjectNode o) {
      boolean publicOffer = isPublicOffer(o, holder);
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isContainerNode()) redact(v, e.getKey());
        else if (publicOffer && NAME.equals(normalize(e.getKey())) && v.isTextual()) continue;
        else if (isRedactedField(e.getKey()) && !v.isNull()) e.setValue(TextNode.valueOf(MASK));
        else if (v.isTextual()) {
          String t = v.textValue();
          if (looksLikeJson(t)) {
            String r = json(t);
            e.setValue(TextNode.valueOf(r != null ? r : MASK));
          } else if (EMAIL.matcher(t).find()) {
            e.setValue(TextNode.valueOf(maskEmails(t)));
          }
        }
      }
    } else if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = a.get(i);
        if (v.isContainerNode()) redact(v, holder);
        else if (v.isTextual() && EMAIL.matcher(v.textValue()).find()) a.set(i, TextNode.valueOf(maskEmails(v.textValue())));
      }
    }
    return n;
  }

  /**
   * Whether {@code o} is a public offer (a service, product, fee, commitment...), whose bare {@code
   * name} is not personal: its holder or a marker beside the name says so, and no other field of
   * it is personal.
   */
  private boolean isPublicOffer(ObjectNode o, String holder) {
    boolean named = false;
    boolean offer = holder != null && !isRedactedField(holder) && namesAnOffer(holder);
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      String nf = normalize(f);
      if (SERVICE_MARKERS.contains(nf)) offer = true;
      else if (NAME.equals(nf)) named = true;
      else if (isRedactedField(f) && !o.get(f).isNull()) return false;
    }
    return offer && named;
  }

  /**
   * Whether a holder field names public offers: its last word (camelCase, snake_case or kebab-case),
   * singular or plural, is one of {@link #PUBLIC_CONTEXTS}, or its last two words are "mail class";
   * trailing container words ({@code list}, {@code by id}...) are skipped.
   * Whole words only: {@code operator}, {@code corporateContact} or {@code serviceContact} do not.
   */
  static boolean namesAnOffer(String holder) {
    String[] words = holder.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split("[\\s_\\-]+");
    int n = words.length;
    while (n > 1 && CONTAINER_WORDS.contains(words[n - 1])) n--; // usable_solution_list, extraServicesByID
    if (words[n - 1].isEmpty()) return false;
    String last = words[n - 1];
    if (n >= 2 && words[n - 2].equals("mail") && (last.equals("class") || last.equals("classes"))) return true;
    for (String c : PUBLIC_CONTEXTS) if (last.equals(c) || last.equals(c + "s")) return true;
    return false;
  }

  private static boolean looksLikeJson(String s) {
    String t = s.strip();
    return t.startsWith("{") || t.startsWith("[");
  }

  private static String maskEmails(String s) {
    return EMAIL.matcher(s).replaceAll(MASK);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  @Override
  public String toString() {
    return "Redaction[headers=" + headers.size() + ", fields=" + fields.size() + "]";
  }
}
