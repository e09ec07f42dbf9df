package dev.shipbridge.testkit.usps;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** USPS-style input validation shared by the emulated APIs: every violation as one USPS error item. */
final class Inputs {
  private Inputs() {}

  static final String DEFAULT_MID = "903619809";

  /** USPS normalises a tracking number: no spaces, upper case, no routing prefix. */
  static String normalise(String n) {
    if (n == null) {
      return "";
    }
    return TrackingNumbers.stripRoutingPrefix(n.replace(" ", "").toUpperCase(Locale.ROOT));
  }

  static void domesticAddress(Map<String, Object> a, String prefix, Problems p) {
    for (String f : List.of("streetAddress", "city", "state", "ZIPCode")) {
      if (str(a, f) == null) {
        p.required(prefix + "." + f);
      }
    }
    if (str(a, "state") != null && !Geo.isState(str(a, "state"))) {
      p.add("010003", "Invalid State Code", prefix + ".state " + str(a, "state") + " is not a valid state code.",
          prefix + ".state");
    }
    if (str(a, "ZIPCode") != null && !str(a, "ZIPCode").matches("^\\d{5}$")) {
      p.add("010002", "Invalid ZIP Code", prefix + ".ZIPCode must be 5 digits.", prefix + ".ZIPCode");
    }
    if (str(a, "ZIPPlus4") != null && !str(a, "ZIPPlus4").matches("^\\d{4}$")) {
      p.add("010002", "Invalid ZIP Code", prefix + ".ZIPPlus4 must be 4 digits.", prefix + ".ZIPPlus4");
    }
    if (str(a, "firm") == null && (str(a, "firstName") == null || str(a, "lastName") == null)) {
      p.add("160075", "Name required", "firstName and lastName or firm name are required", prefix);
    }
  }

  static LocalDate mailingDate(Map<String, Object> pkg, Problems p) {
    String s = str(pkg, "mailingDate");
    if (s == null) {
      p.required("packageDescription.mailingDate");
      return null;
    }
    try {
      return s.length() == 10 ? LocalDate.parse(s) : OffsetDateTime.parse(s).toLocalDate();
    } catch (DateTimeException e) {
      p.add("160252", "Invalid mailingDate", "packageDescription.mailingDate must be a date (YYYY-MM-DD) or date-time.",
          "packageDescription.mailingDate");
      return null;
    }
  }


  /** Validation failure carrying USPS error items. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient List<Json.Obj> errors;

    BadInput(List<Json.Obj> errors) {
      super(null, null, false, false);
      this.errors = errors;
    }
  }

  static final class Problems {
    final List<Json.Obj> items = new ArrayList<>();

    void add(String code, String title, String detail, String parameter) {
      items.add(Wire.item("400", code, title, detail, parameter));
    }

    void required(String parameter) {
      add("030010", "Missing required field", parameter + " is required.", parameter);
    }

    void throwIfAny() {
      if (!items.isEmpty()) {
        throw new BadInput(items);
      }
    }
  }
  static BadInput bad(String code, String title, String detail, String parameter) {
    return new BadInput(List.of(Wire.item("400", code, title, detail, parameter)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object o, String what) {
    if (!(o instanceof Map)) {
      throw bad("160252", "Invalid request", what + " must be a JSON object.", what);
    }
    return (Map<String, Object>) o;
  }

  static Map<String, Object> requiredObject(Map<String, Object> m, String key, Problems p) {
    Object o = m.get(key);
    if (!(o instanceof Map)) {
      p.required(key);
      return null;
    }
    return object(o, key);
  }

  static Map<String, Object> optionalObject(Map<String, Object> m, String key, Problems p) {
    Object o = m.get(key);
    if (o == null) {
      return null;
    }
    if (!(o instanceof Map)) {
      p.add("160252", "Invalid " + key, key + " must be an object.", key);
      return null;
    }
    return object(o, key);
  }

  static String str(Map<String, Object> m, String key) {
    Object o = m == null ? null : m.get(key);
    if (o == null) {
      return null;
    }
    String s = o instanceof BigDecimal ? ((BigDecimal) o).toPlainString() : String.valueOf(o);
    return s.isBlank() ? null : s;
  }

  static boolean nonEmpty(String s) {
    return s != null && !s.isBlank();
  }

  static Double number(Map<String, Object> m, String key) {
    Object o = m.get(key);
    return o instanceof BigDecimal ? ((BigDecimal) o).doubleValue() : null;
  }

  static Double positive(Map<String, Object> m, String key, Problems p) {
    return positive(m, key, p, "");
  }

  static Double positive(Map<String, Object> m, String key, Problems p, String prefix) {
    Object o = m.get(key);
    if (o == null) {
      p.required(prefix + key);
      return null;
    }
    if (!(o instanceof BigDecimal) || ((BigDecimal) o).signum() <= 0) {
      p.add("160252", "Invalid " + key, prefix + key + " must be a number greater than 0.", prefix + key);
      return null;
    }
    return ((BigDecimal) o).doubleValue();
  }

  static Double dimension(Map<String, Object> m, String key, Problems p) {
    return dimension(m, key, p, "");
  }

  static Double dimension(Map<String, Object> m, String key, Problems p, String prefix) {
    Object o = m.get(key);
    if (o == null) {
      p.add("160206", "Missing dimension", prefix + key + " must not be null", prefix + key);
      return null;
    }
    if (!(o instanceof BigDecimal) || ((BigDecimal) o).signum() < 0) {
      p.add("160252", "Invalid " + key, prefix + key + " must be a number of inches.", prefix + key);
      return null;
    }
    return ((BigDecimal) o).doubleValue();
  }

  static String zip(Map<String, Object> m, String key, Problems p) {
    String z = str(m, key);
    if (z == null) {
      p.required(key);
      return null;
    }
    if (!z.matches("^\\d{5}(?:[-\\s]\\d{4})?$")) {
      p.add("160252", "Invalid " + key, key + " must be a 5-digit ZIP Code or ZIP+4.", key);
      return null;
    }
    return z.substring(0, 5);
  }

  static String enumValue(Map<String, Object> m, String key, Set<String> allowed, Problems p) {
    return enumValue(m, key, allowed, p, "");
  }

  static String enumValue(Map<String, Object> m, String key, Set<String> allowed, Problems p, String prefix) {
    String v = str(m, key);
    if (v != null && !allowed.contains(v)) {
      p.add("160252", "Invalid " + key, prefix + key + " " + v + " is not a valid value.", prefix + key);
      return null;
    }
    return v;
  }

  static String date(Map<String, Object> m, String key, Problems p) {
    String v = str(m, key);
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v).toString();
    } catch (DateTimeException e) {
      p.add("160252", "Invalid " + key, key + " must be a date (YYYY-MM-DD).", key);
      return null;
    }
  }

  static List<Integer> intList(Map<String, Object> m, String key, Problems p) {
    Object o = m.get(key);
    if (o == null) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    if (o instanceof List) {
      for (Object x : (List<?>) o) {
        if (x instanceof BigDecimal && ((BigDecimal) x).scale() <= 0) {
          out.add(((BigDecimal) x).intValue());
        } else {
          p.add("160252", "Invalid " + key, key + " must be an array of integer codes.", key);
          return null;
        }
      }
      return out;
    }
    p.add("160252", "Invalid " + key, key + " must be an array of integer codes.", key);
    return null;
  }

  static String first(Map<String, List<String>> query, String key) {
    List<String> v = query.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
