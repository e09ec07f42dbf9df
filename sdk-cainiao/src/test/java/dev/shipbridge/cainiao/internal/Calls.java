package dev.shipbridge.cainiao.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.cainiao.TestData;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CarrierId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Call descriptions, answers and forms for mapper tests. */
final class Calls {
  private Calls() {}

  static CainiaoErrors.Call read(String api) {
    return new CainiaoErrors.Call(CarrierId.CAINIAO, api, false, null, TestData.CLOCK);
  }

  static CainiaoErrors.Call create(String key) {
    return new CainiaoErrors.Call(CarrierId.CAINIAO, LabelMapper.CREATE, true, key, TestData.CLOCK);
  }

  /** A fixture read as the transport reads a simplified IOP answer: its status and its body. */
  static <T> CainiaoWire.Reply<T> reply(String fixture, Class<T> type) {
    return replyOf(TestData.text(fixture), type);
  }

  static <T> CainiaoWire.Reply<T> replyOf(String json, Class<T> type) {
    JsonNode tree = CainiaoJson.tree(json.getBytes(StandardCharsets.UTF_8));
    return new CainiaoWire.Reply<>(CainiaoJson.read(tree, CainiaoWire.Envelope.class), CainiaoJson.read(tree, type));
  }

  static <T> T wire(String fixture, Class<T> type) {
    return reply(fixture, type).body();
  }

  /** A form record as the form fields the transport sends. */
  static Map<String, String> form(Object record) {
    return JsonCodec.standard().mapper().convertValue(record, new TypeReference<LinkedHashMap<String, String>>() {});
  }
}
