package dev.shipbridge.cainiao.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Cainiao sends one field under several spellings ({@code mailNo} beside {@code
 * logisticsOrderCode}, {@code error_msg} beside {@code errorMessage}), the first spelling a wire
 * record lists (its name as Jackson writes it, {@link JsonNaming} applied, then its {@link JsonAlias}
 * values in order) that carries a value wins.
 * Jackson alone would keep whichever comes last in the document, so a push naming both its
 * international number and its LP code would be read as the LP code.
 */
final class Spellings {
  private Spellings() {}

  /** {@code node}, or a copy keeping for each aliased field only its first spelling with a value. */
  static ObjectNode firstWins(Class<?> record, ObjectNode node) {
    ObjectNode out = node;
    for (RecordComponent c : record.isRecord() ? record.getRecordComponents() : new RecordComponent[0]) {
      JsonAlias alias = c.getAccessor().getAnnotation(JsonAlias.class);
      if (alias == null || alias.value().length == 0) continue;
      JsonProperty property = c.getAccessor().getAnnotation(JsonProperty.class);
      List<String> names = new ArrayList<>();
      names.add(property != null && !property.value().isEmpty() ? property.value() : wireName(record, c.getName()));
      names.addAll(List.of(alias.value()));
      String winner = null;
      int present = 0;
      for (String name : names) {
        JsonNode v = node.get(name);
        if (v == null) continue;
        present++;
        if (winner == null && !v.isNull() && !(v.isTextual() && v.asText().isBlank())) winner = name;
      }
      if (present < 2) continue;
      if (out == node) out = node.deepCopy();
      for (String name : names) if (!name.equals(winner)) out.remove(name);
    }
    return out;
  }

  /** A component's name on the wire: as the record's {@link JsonNaming} strategy spells it, if any. */
  private static String wireName(Class<?> record, String name) {
    JsonNaming naming = record.getAnnotation(JsonNaming.class);
    if (naming == null || !PropertyNamingStrategies.NamingBase.class.isAssignableFrom(naming.value())) return name;
    try {
      return ((PropertyNamingStrategies.NamingBase) naming.value().getDeclaredConstructor().newInstance()).translate(name);
    } catch (ReflectiveOperationException e) {
      return name;
    }
  }
}
