package dev.shipbridge.testkit;

import static dev.shipbridge.testkit.CainiaoTestClient.form;
import static dev.shipbridge.testkit.CainiaoTestClient.iopSign;
import static dev.shipbridge.testkit.CainiaoTestClient.json;
import static dev.shipbridge.testkit.CainiaoTestClient.list;
import static dev.shipbridge.testkit.CainiaoTestClient.map;
import static dev.shipbridge.testkit.CainiaoTestClient.md5Base64;
import static dev.shipbridge.testkit.CainiaoTestClient.rawPost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CainiaoEmulatorTest {
  static final Instant START = Instant.parse("2026-03-02T01:00:00Z");

  MutableClock clock;
  CainiaoEmulator emulator;
  CainiaoTestClient client;

  @BeforeEach
  void start() {
    clock = MutableClock.startingAt(START);
    emulator = CainiaoEmulator.start(clock);
    client = new CainiaoTestClient(emulator, clock);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  // ------------------------------------------------------------------ IOP signing

  @Test
  void acceptsRequestSignedWithOfficialIopVector() {
    MutableClock vectorClock = MutableClock.startingAt(Instant.ofEpochMilli(1517820392000L));
    try (CainiaoEmulator official = CainiaoEmulator.builder().clock(vectorClock)
        .appKey("123456").appSecret("helloworld").accessToken("test").start()) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("access_token", "test");
      params.put("aliexpress_category_id", "200135143");
      params.put("app_key", "123456");
      params.put("method", "aliexpress.logistics.redefining.getonlinelogisticsinfo");
      params.put("sign_method", "sha256");
      params.put("timestamp", "1517820392000");
      params.put("sign", "F7F7926B67316C9D1E8E15F7E66940ED3059B1638C497D77973F30046EFB5BBB");
      // The vector has no simplify=true, so the answer comes wrapped in <method>_response.
      HttpResponse<String> r = rawPost(official.iopBaseUrl() + "/sync?" + form(params), "");
      assertThat(r.statusCode()).isEqualTo(200);
      Map<String, Object> body = map(json(r.body()).get("aliexpress_logistics_redefining_getonlinelogisticsinfo_response"));
      assertThat(body).containsEntry("is_success", true).containsKey("request_id");
    }
  }

  @Test
  void officialVectorForAnUnknownMethodPassesTheSignatureButNotTheRouting() {
    MutableClock vectorClock = MutableClock.startingAt(Instant.ofEpochMilli(1517820392000L));
    try (CainiaoEmulator official = CainiaoEmulator.builder().clock(vectorClock)
        .appKey("12345678").appSecret("helloworld").start()) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("app_key", "12345678");
      params.put("method", "aliexpress.affiliate.category.get");
      params.put("sign_method", "sha256");
      params.put("timestamp", "1517820392000");
      params.put("sign", "F3ABBAB059750C3CD6D341A2FDA939ECB0FA892120E9196270ED67D6EC1511DD");
      Map<String, Object> error = map(json(rawPost(official.iopBaseUrl() + "/sync?" + form(params), "").body())
          .get("error_response"));
      assertThat(error).containsEntry("code", "InvalidApiPath").containsEntry("type", "ISV");
    }
  }

  @Test
  void pathStyleTokenCreateAcceptsTheOfficialRestVector() {
    MutableClock vectorClock = MutableClock.startingAt(Instant.ofEpochMilli(1517820392000L));
    try (CainiaoEmulator official = CainiaoEmulator.builder().clock(vectorClock)
        .appKey("12345678").appSecret("helloworld").start()) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("app_key", "12345678");
      params.put("code", "3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26");
      params.put("sign_method", "sha256");
      params.put("timestamp", "1517820392000");
      params.put("sign", "35607762342831B6A417A0DED84B79C05FEFBF116969C48AD6DC00279A9F4D81");
      Map<String, Object> body = json(rawPost(official.iopBaseUrl() + "/rest/auth/token/create", form(params)).body());
      assertThat(body).containsEntry("code", "0").containsEntry("access_token", official.accessToken());
    }
  }

  @Test
  void rejectsBadSignatureWithIncompleteSignature() {
    Map<String, String> system = client.systemParams("cainiao.global.solution.inquiry");
    system.put("sign", iopSign("", system, "not-the-secret"));
    HttpResponse<String> r = rawPost(emulator.iopBaseUrl() + "/sync?" + form(system), "");
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Object> error = map(json(r.body()).get("error_response"));
    assertThat(error).containsEntry("type", "ISV").containsEntry("code", "IncompleteSignature")
        .containsEntry("msg", "The request signature does not conform to platform standards")
        .containsKey("request_id");
  }

  @Test
  void rejectsMethodStyleSignatureThatPrefixesTheMethodName() {
    Map<String, String> system = client.systemParams("cainiao.global.solution.inquiry");
    system.put("sign", iopSign("cainiao.global.solution.inquiry", system, emulator.appSecret()));
    Map<String, Object> error = map(json(rawPost(emulator.iopBaseUrl() + "/sync?" + form(system), "").body())
        .get("error_response"));
    assertThat(error).containsEntry("code", "IncompleteSignature");
  }

  @Test
  void rejectsLowercaseHexAndTopMd5StyleSignatures() {
    Map<String, String> system = client.systemParams("cainiao.global.solution.inquiry");
    system.put("sign", iopSign("", system, emulator.appSecret()).toLowerCase());
    assertThat(json(rawPost(emulator.iopBaseUrl() + "/sync?" + form(system), "").body()))
        .containsKey("error_response");
  }

  @Test
  void rejectsTimestampsOutsideTheSevenThousandTwoHundredSecondWindow() {
    Map<String, String> system = client.systemParams("cainiao.global.solution.inquiry");
    system.put("timestamp", Long.toString(clock.millis() - Duration.ofHours(3).toMillis()));
    Map<String, Object> error = map(json(client.sync(system, Map.of()).body()).get("error_response"));
    assertThat(error).containsEntry("code", "InvalidTimestamp");

    Map<String, String> fresh = client.systemParams("cainiao.global.solution.inquiry");
    fresh.put("timestamp", Long.toString(clock.millis() - Duration.ofMinutes(119).toMillis()));
    assertThat(json(client.sync(fresh, Map.of()).body())).containsEntry("is_success", true);
  }

  @Test
  void acceptsRealTimeTimestampsEvenWhenTheSandboxClockIsElsewhere() {
    Map<String, String> system = client.systemParams("cainiao.global.solution.inquiry");
    system.put("timestamp", Long.toString(System.currentTimeMillis()));
    clock.advance(Duration.ofDays(400));
    assertThat(json(client.sync(system, Map.of()).body())).containsEntry("is_success", true);
  }

  @Test
  void rejectsWrongAccessTokenAndUnknownAppKey() {
    Map<String, String> system = client.systemParams("cainiao.global.solution.inquiry");
    system.put("session", "someone-else");
    assertThat(map(json(client.sync(system, Map.of()).body()).get("error_response")))
        .containsEntry("code", "IllegalAccessToken");

    Map<String, String> other = client.systemParams("cainiao.global.solution.inquiry");
    other.put("app_key", "999");
    assertThat(map(json(client.sync(other, Map.of()).body()).get("error_response")))
        .containsEntry("code", "InvalidAppKey");
  }

  @Test
  void acceptsAccessTokenParameterAsWellAsSession() {
    Map<String, String> system = client.systemParams("cainiao.global.solution.inquiry");
    system.remove("session");
    system.put("access_token", emulator.accessToken());
    assertThat(json(client.sync(system, Map.of()).body())).containsEntry("is_success", true);
  }

  @Test
  void withoutSimplifyTheResponseIsWrappedInMethodResponse() {
    Map<String, String> system = client.systemParams("cainiao.global.solution.inquiry");
    system.remove("simplify");
    Map<String, Object> body = json(client.sync(system, Map.of()).body());
    assertThat(map(body.get("cainiao_global_solution_inquiry_response"))).containsEntry("is_success", true);
  }

  // ------------------------------------------------------------------ LINK

  @Test
  void rejectsBadSignatureWithS02() {
    String content = "{\"mailNo\":\"LP00123456789012\",\"locale\":\"en_US\"}";
    String hexThenBase64 = Base64.getEncoder().encodeToString(
        java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(
            md5Base64(content + emulator.linkSecretKey()))).getBytes(StandardCharsets.UTF_8));
    for (String bad : List.of("suibianxie", hexThenBase64, md5Base64(content + "wrong"))) {
      Map<String, Object> body = json(client.link("CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING", content, bad).body());
      assertThat(body).containsEntry("success", false).containsEntry("errorCode", "S02");
      assertThat((String) body.get("errorMsg")).contains("digist sign check not pass");
    }
  }

  @Test
  void linkDigestMatchesTheOfficialVectorWhenConfiguredWithItsKey() {
    try (CainiaoEmulator vector = CainiaoEmulator.builder().linkSecretKey("key123").start()) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("msg_type", "SOME_UNROUTED_API");
      fields.put("logistic_provider_id", vector.logisticProviderId());
      fields.put("logistics_interface", "hello1234");
      fields.put("data_digest", "ufYU7rvXhHY3IDyZgyt6SA==");
      Map<String, Object> body = json(rawPost(vector.linkBaseUrl(), form(fields)).body());
      assertThat(body.get("errorCode")).isNotEqualTo("S02"); // digest accepted; content is not JSON
    }
  }

  @Test
  void missingLinkSystemParametersGiveS12() {
    Map<String, Object> body = json(rawPost(emulator.linkBaseUrl(),
        form(Map.of("msg_type", "CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING", "logistics_interface", "{}"))).body());
    assertThat(body).containsEntry("errorCode", "S12").containsEntry("errorMsg", "request param fromCode can not be null");
  }

  @Test
  void linkCreateIsIdempotentOnOutOrderIdAndTrackingUsesEpochMillis() {
    String payload = "{\"outOrderId\":\"SB-1001\",\"syncGetAwb\":\"true\",\"solutionParam\":{\"solutionCode\":\"CAINIAO_STANDARD\"},"
        + "\"receiverParam\":{\"address\":{\"country\":\"US\",\"zipcode\":\"10001\"},\"name\":\"Jane Doe\"}}";
    Map<String, Object> first = json(client.link("CN_OVERSEA_DL_CREATE_PACKAGE", payload).body());
    Map<String, Object> second = json(client.link("CN_OVERSEA_DL_CREATE_PACKAGE", payload).body());
    assertThat(first).containsEntry("success", "true");
    Map<String, Object> result = map(first.get("orderCreateResult"));
    assertThat(map(second.get("orderCreateResult"))).containsEntry("logisticOrderCode", result.get("logisticOrderCode"));
    assertThat(emulator.ordersCreated()).isEqualTo(1);
    assertThat(new String(Base64.getDecoder().decode((String) result.get("fileStr")), StandardCharsets.ISO_8859_1))
        .startsWith("%PDF-");

    clock.advance(Duration.ofHours(9));
    Map<String, Object> tracking = json(client.link("CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING",
        "{\"mailNo\":\"" + result.get("mailNo") + "\",\"locale\":\"en_US\"}").body());
    List<Map<String, Object>> statuses = list(tracking.get("statuses"));
    assertThat(statuses).extracting(s -> s.get("actionCode")).containsExactly("PU_PICKUP_SUCCESS", "GWMS_ACCEPT");
    assertThat(((Number) statuses.get(1).get("opTimestamp")).longValue()).isEqualTo(START.toEpochMilli());

    Map<String, Object> unknown = json(client.link("CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING", "{\"mailNo\":\"LP00000000000000\"}").body());
    assertThat(unknown).containsEntry("success", "false").containsEntry("errorCode", "P-011-0201-00-00-502");
  }

  @Test
  void pushEventIsAFormBodySignedWithDataDigest() {
    Map<String, Object> row = client.createOrder("8001000000000001");
    clock.advance(Duration.ofHours(21));
    String push = emulator.pushEvent((String) row.get("lp_number"));
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : push.split("&")) {
      String[] kv = pair.split("=", 2);
      fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    assertThat(fields).containsEntry("msg_type", "TRACEPUSH").containsEntry("logistic_provider_id", emulator.logisticProviderId());
    String content = fields.get("logistics_interface");
    assertThat(fields.get("data_digest")).isEqualTo(md5Base64(content + emulator.linkSecretKey()));
    assertThat(map(json(content).get("traceDetail"))).containsEntry("actionCode", "SC_INBOUND_SUCCESS");
    assertThatThrownBy(() -> emulator.pushEvent("LP00999999999999")).isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------ business flow

  @Test
  void solutionInquiryQuotesSeveralSolutionsWithFeesAndTimings() {
    Map<String, Object> body = client.syncJson("cainiao.global.solution.inquiry",
        Map.of("package_params", "[{\"weight\":350,\"length\":20,\"width\":15,\"height\":5}]",
            "trade_order_param", "{\"trade_order_id\":8001000000000001}", "locale", "en_US"));
    assertThat(body).containsEntry("is_success", true);
    List<Map<String, Object>> solutions = list(map(body.get("result")).get("usable_solution_list"));
    assertThat(solutions).hasSizeGreaterThanOrEqualTo(3);
    for (Map<String, Object> s : solutions) {
      assertThat(s).containsKeys("code", "name", "recommend_index");
      Map<String, Object> timing = list(s.get("timing_list")).get(0);
      assertThat(((Number) timing.get("fast_timing")).longValue())
          .isLessThanOrEqualTo(((Number) timing.get("slowest_timing")).longValue());
      Map<String, Object> fee = list(s.get("fee_list")).get(0);
      assertThat(fee).containsEntry("fee_type", "POST_ESTIMATED_COST").containsEntry("currency", "CNY");
      assertThat(((Number) fee.get("total_fee")).longValue()).isPositive();
      assertThat(list(fee.get("fee_detail_list")).get(0)).containsKey("fee_detail_type");
    }
  }

  @Test
  void orderCreateReturnsLogisticsOrderIdAndTheLpNumberFollows() {
    Map<String, Object> created = client.syncJson("cainiao.global.logistic.order.create",
        Map.of("order_param", CainiaoTestClient.orderParam("8001000000000002"), "locale", "en_US"));
    assertThat(created).containsEntry("is_success", "true").containsEntry("need_retry", false);
    assertThat(map(created.get("result")).get("logistics_order_id")).isInstanceOf(Number.class);
    Map<String, Object> row = client.createOrder("8001000000000002");
    assertThat((String) row.get("lp_number")).matches("LP\\d{14}");
    assertThat(row).containsEntry("order_id", 8001000000000002L);
  }

  @Test
  void sameOutOrderReferenceReturnsSameOrder() {
    Map<String, Object> first = client.syncJson("cainiao.global.logistic.order.create",
        Map.of("order_param", CainiaoTestClient.orderParam("8001000000000003")));
    Map<String, Object> again = client.syncJson("cainiao.global.logistic.order.create",
        Map.of("order_param", CainiaoTestClient.orderParam("8001000000000003")));
    client.syncJson("cainiao.global.logistic.order.create", Map.of("order_param", CainiaoTestClient.orderParam("8001000000000004")));
    assertThat(map(again.get("result")).get("logistics_order_id")).isEqualTo(map(first.get("result")).get("logistics_order_id"));
    assertThat(emulator.ordersCreated()).isEqualTo(2);
    assertThat(emulator.requestCount("cainiao.global.logistic.order.create")).isEqualTo(3);
  }

  @Test
  void concurrentDuplicateCreatesMakeOneOrderPerReference() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < 128; i++) {
        String ref = "80020000000000" + String.format("%02d", i % 8);
        futures.add(pool.submit(() -> {
          go.await();
          return map(client.syncJson("cainiao.global.logistic.order.create",
              Map.of("order_param", CainiaoTestClient.orderParam(ref))).get("result")).get("logistics_order_id");
        }));
      }
      go.countDown();
      Set<Object> ids = new HashSet<>();
      for (Future<Object> f : futures) {
        ids.add(f.get(30, TimeUnit.SECONDS));
      }
      assertThat(ids).hasSize(8);
      assertThat(emulator.ordersCreated()).isEqualTo(8);
      assertThat(emulator.requestCount("cainiao.global.logistic.order.create")).isEqualTo(128);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void createsAreNotDeduplicatedByOutOrderIdAsTheRealServiceDoesNot() {
    String withoutTrade = CainiaoTestClient.orderParam("1").replace("\"trade_order_param\":{\"trade_order_id\":1},", "")
        .replaceFirst("^\\{", "{\"out_order_id\":\"key-1\",");
    Map<String, Object> first = client.syncJson("cainiao.global.logistic.order.create", Map.of("order_param", withoutTrade));
    Map<String, Object> again = client.syncJson("cainiao.global.logistic.order.create", Map.of("order_param", withoutTrade));
    assertThat(first).containsEntry("is_success", "true");
    assertThat(map(again.get("result")).get("logistics_order_id"))
        .isNotEqualTo(map(first.get("result")).get("logistics_order_id"));
    assertThat(emulator.ordersCreated()).isEqualTo(2);
  }

  @Test
  void aCreateNamingASolutionTheInquiryNeverOfferedIsRefused() {
    String unknown = CainiaoTestClient.orderParam("8001000000000077").replace("CAINIAO_STANDARD", "CAINIAO_TELEPORT");
    Map<String, Object> body = client.syncJson("cainiao.global.logistic.order.create", Map.of("order_param", unknown));
    assertThat(body).containsEntry("is_success", "false");
    assertThat(map(body.get("error_info")).get("error_msg").toString()).contains("CAINIAO_TELEPORT");
    assertThat(emulator.ordersCreated()).isZero();
  }

  @Test
  void createWithoutTradeOrderIsRefusedWithErrorInfo() {
    Map<String, Object> body = client.syncJson("cainiao.global.logistic.order.create",
        Map.of("order_param", "{\"solution_param\":{\"solution_code\":\"CAINIAO_STANDARD\"}}"));
    assertThat(body).containsEntry("is_success", "false");
    assertThat(map(body.get("error_info"))).containsKeys("error_code", "error_msg");
    assertThat(emulator.ordersCreated()).isZero();
  }

  @Test
  void onlineLogisticsInfoGivesAnS10NumberEndingCnWithValidCheckDigit() {
    Map<String, Object> row = client.createOrder("8001000000000005");
    String intl = (String) row.get("internationallogistics_id");
    assertThat(intl).matches("[A-Z]{2}\\d{9}CN");
    assertThat(s10Valid(intl)).isTrue();
    assertThat(row).containsEntry("original_international_logistics_id", intl);
  }

  @Test
  void printInfoReturnsBase64Pdf() {
    Map<String, Object> row = client.createOrder("8001000000000006");
    Map<String, Object> body = client.syncJson("aliexpress.logistics.redefining.getprintinfo",
        Map.of("international_logistics_id", (String) row.get("internationallogistics_id")));
    Map<String, Object> wrapped = json((String) body.get("result"));
    byte[] pdf = Base64.getDecoder().decode((String) wrapped.get("body"));
    assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains((String) row.get("internationallogistics_id"));

    Map<String, Object> unknown = client.syncJson("aliexpress.logistics.redefining.getprintinfo",
        Map.of("international_logistics_id", "RB123456785GB"));
    assertThat(map(unknown.get("error_response"))).containsKey("sub_code");
  }

  @Test
  void trackingProgressesThroughCustomsToUspsHandoff() {
    Map<String, Object> row = client.createOrder("8001000000000007");
    String intl = (String) row.get("internationallogistics_id");
    assertThat(codes(intl)).containsExactly("GWMS_ACCEPT");

    clock.advance(Duration.ofHours(45));
    assertThat(codes(intl)).startsWith("CC_EX_SUCCESS", "CC_EX_START").endsWith("GWMS_ACCEPT");

    clock.advance(Duration.ofHours(56)); // 101 h
    assertThat(codes(intl).get(0)).isEqualTo("CC_IM_SUCCESS");

    clock.advance(Duration.ofHours(9)); // 110 h: handed to USPS
    List<Map<String, Object>> details = details(intl);
    assertThat(details).extracting(d -> d.get("action_code")).containsExactly(
        "GTMS_ACCEPT", "CC_HO_OUT_SUCCESS", "CC_IM_SUCCESS", "CC_IM_START", "CC_HO_IN_SUCCESS", "LH_ARRIVE",
        "LH_DEPART", "LH_HO_AIRLINE", "CC_EX_SUCCESS", "CC_EX_START", "LH_HO_IN_SUCCESS", "SC_OUTBOUND_SUCCESS",
        "SC_INBOUND_SUCCESS", "PU_PICKUP_SUCCESS", "GWMS_ACCEPT");
    assertThat((String) details.get(0).get("event_date")).isEqualTo("2026-03-06 23:00:00"); // GMT+8
    clock.advance(Duration.ofDays(20));
    assertThat(details(intl)).hasSize(15); // Cainiao stops at the handoff; USPS reports the rest
  }

  @Test
  void handoffListenerReceivesValidImpb() {
    List<String> numbers = new CopyOnWriteArrayList<>();
    List<Instant> instants = new CopyOnWriteArrayList<>();
    emulator.onLastMileHandoff((n, at) -> {
      numbers.add(n);
      instants.add(at);
    });
    Map<String, Object> row = client.createOrder("8001000000000008");
    String lp = (String) row.get("lp_number");
    clock.advance(Duration.ofHours(109));
    details(lp);
    assertThat(numbers).isEmpty();

    clock.advance(Duration.ofHours(1));
    details(lp);
    details(lp);
    assertThat(numbers).hasSize(1);
    String impb = numbers.get(0);
    assertThat(impb).matches("9400\\d{18}");
    assertThat(impbValid(impb)).isTrue();
    assertThat(instants).containsExactly(START.plus(Duration.ofHours(110)));

    Map<String, Object> info = list(client.syncJson("aliexpress.logistics.redefining.getonlinelogisticsinfo",
        Map.of("logistics_order_code", lp)).get("result_list")).get(0);
    assertThat(info).containsEntry("internationallogistics_id", impb).containsEntry("lm_resource_code", "USPS");
    assertThat((String) info.get("original_international_logistics_id")).endsWith("CN");
    assertThat((String) details(impb).get(0).get("event_desc")).contains(impb);
  }

  @Test
  void publicTrackingShowsRealMailNoAndDestCpInfoAfterHandoff() {
    Map<String, Object> row = client.createOrder("8001000000000009");
    String intl = (String) row.get("internationallogistics_id");
    Map<String, Object> before = list(json(CainiaoTestClient.get(emulator.iopBaseUrl() + "/global/detail.json?mailNos="
        + intl + ",XX000000000XX&lang=en-US").body()).get("module")).get(0);
    assertThat(before).doesNotContainKey("realMailNo").containsEntry("mailNoSource", "AE");
    clock.advance(Duration.ofDays(5));
    Map<String, Object> body = json(CainiaoTestClient.get(emulator.iopBaseUrl() + "/global/detail.json?mailNos="
        + intl + ",XX000000000XX&lang=en-US").body());
    List<Map<String, Object>> modules = list(body.get("module"));
    assertThat(body).containsEntry("success", true);
    String impb = (String) modules.get(0).get("copyRealMailNo");
    assertThat(impbValid(impb)).isTrue();
    assertThat((String) modules.get(0).get("realMailNo")).endsWith(impb);
    assertThat(map(modules.get(0).get("destCpInfo"))).containsEntry("cpCode", "USPS");
    assertThat(map(modules.get(0).get("latestTrace"))).containsEntry("actionCode", "GTMS_ACCEPT")
        .containsEntry("time", START.plus(Duration.ofHours(110)).toEpochMilli());
    assertThat(modules.get(1)).containsEntry("mailNoSource", "EXTERNAL");
  }

  @Test
  void bigBagHandoverDraftCommitPdfAndCancel() {
    String lp1 = (String) client.createOrder("8001000000000010").get("lp_number");
    String lp2 = (String) client.createOrder("8001000000000011").get("lp_number");
    String codes = "[\"" + lp1 + "\",\"" + lp2 + "\"]";
    Map<String, Object> draft = map(client.syncJson("cainiao.global.handover.savedraft",
        Map.of("order_code_list", codes, "weight", "700", "weight_unit", "g", "client", "ISV-shipbridge")).get("result"));
    assertThat(draft).containsEntry("success", true);
    Object handoverOrderId = map(draft.get("data")).get("handover_order_id");

    Map<String, Object> commit = map(client.syncJson("cainiao.global.handover.commit",
        Map.of("handover_order_id", handoverOrderId.toString(), "type", "cainiao_pickup",
            "appointment_type", "bigbag", "client", "ISV-shipbridge")).get("result"));
    assertThat(commit).containsEntry("success", true);
    Map<String, Object> data = map(commit.get("data"));
    assertThat((String) data.get("handover_content_code")).matches("LP\\d{14}");

    for (String type : List.of("1", "4", "512")) {
      Map<String, Object> pdf = map(client.syncJson("cainiao.global.handover.pdf.get",
          Map.of("handover_content_id", data.get("handover_content_id").toString(), "type", type)).get("result"));
      assertThat(pdf).containsEntry("success", true);
      assertThat(new String(Base64.getDecoder().decode((String) pdf.get("data")), 0, 5, StandardCharsets.ISO_8859_1))
          .isEqualTo("%PDF-");
    }
    assertThat(map(client.syncJson("cainiao.global.handover.pdf.get",
        Map.of("handover_content_id", data.get("handover_content_id").toString(), "type", "2")).get("result")))
        .containsEntry("success", false);

    Map<String, Object> selfPost = map(client.syncJson("cainiao.global.handover.commit",
        Map.of("order_code_list", codes, "type", "self_post")).get("result"));
    assertThat(selfPost).containsEntry("success", false);

    Map<String, Object> cancel = map(client.syncJson("cainiao.global.handover.cancel",
        Map.of("handover_order_id", handoverOrderId.toString())).get("result"));
    assertThat(cancel).containsEntry("success", true);
    assertThat(map(cancel.get("data"))).containsEntry("result", true);
    assertThat(map(client.syncJson("cainiao.global.handover.cancel",
        Map.of("handover_order_id", handoverOrderId.toString())).get("result"))).containsEntry("success", false);
  }

  // ------------------------------------------------------------------ faults

  @Test
  void connectionResetAfterProcessingLetsARetryFindTheSameOrder() {
    emulator.injectFault("cainiao.global.logistic.order.create", CainiaoEmulator.Fault.CONNECTION_RESET, 1);
    assertThatThrownBy(() -> client.sync("cainiao.global.logistic.order.create",
        Map.of("order_param", CainiaoTestClient.orderParam("8001000000000012")))).isInstanceOf(AssertionError.class)
        .hasCauseInstanceOf(IOException.class);
    Map<String, Object> retry = client.syncJson("cainiao.global.logistic.order.create",
        Map.of("order_param", CainiaoTestClient.orderParam("8001000000000012")));
    assertThat(retry).containsEntry("is_success", "true");
    assertThat(emulator.ordersCreated()).isEqualTo(1);
    assertThat(emulator.requestCount("cainiao.global.logistic.order.create")).isEqualTo(2);
  }

  @Test
  void gatewayRefusalsAreNotProcessed() {
    String create = "cainiao.global.logistic.order.create";
    emulator.injectFault(create, CainiaoEmulator.Fault.HTTP_502_HTML, 1);
    emulator.injectFault(create, CainiaoEmulator.Fault.HTTP_503, 1);
    emulator.injectFault(create, CainiaoEmulator.Fault.HTTP_500, 1);
    emulator.injectFault(create, CainiaoEmulator.Fault.RATE_LIMITED, 1);
    emulator.injectFault(create, CainiaoEmulator.Fault.NEED_RETRY, 1);
    Map<String, String> biz = Map.of("order_param", CainiaoTestClient.orderParam("8001000000000013"));

    HttpResponse<String> r502 = client.sync(create, biz);
    assertThat(r502.statusCode()).isEqualTo(502);
    assertThat(r502.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(r502.body()).contains("502 Bad Gateway");
    assertThat(client.sync(create, biz).statusCode()).isEqualTo(503);
    assertThat(client.sync(create, biz).statusCode()).isEqualTo(500);
    assertThat(map(json(client.sync(create, biz).body()).get("error_response")))
        .containsEntry("code", "ApiCallLimit").containsEntry("type", "ISP");
    assertThat(json(client.sync(create, biz).body())).containsEntry("is_success", "false").containsEntry("need_retry", true);
    assertThat(emulator.ordersCreated()).isZero();
    assertThat(client.syncJson(create, biz)).containsEntry("is_success", "true");
    assertThat(emulator.ordersCreated()).isEqualTo(1);
  }

  @Test
  void wildcardFaultsHitAnyApiAndRunOut() {
    emulator.injectFault("*", CainiaoEmulator.Fault.TRUNCATED_JSON, 2);
    HttpResponse<String> truncated = client.sync("cainiao.global.solution.inquiry", Map.of());
    assertThat(truncated.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> json(truncated.body())).isInstanceOf(RuntimeException.class);
    HttpResponse<String> linkTruncated = client.link("CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING", "{\"mailNo\":\"x\"}");
    assertThatThrownBy(() -> json(linkTruncated.body())).isInstanceOf(RuntimeException.class);
    assertThat(client.syncJson("cainiao.global.solution.inquiry", Map.of())).containsEntry("is_success", true);
  }

  @Test
  void transportFaultsBreakTheResponse() {
    for (CainiaoEmulator.Fault f : List.of(CainiaoEmulator.Fault.EMPTY_RESPONSE, CainiaoEmulator.Fault.MALFORMED_CHUNK,
        CainiaoEmulator.Fault.RANDOM_DATA_THEN_CLOSE)) {
      emulator.injectFault("cainiao.global.solution.inquiry", f, 1);
      assertThatThrownBy(() -> client.sync("cainiao.global.solution.inquiry", Map.of())).as(f.name())
          .isInstanceOf(AssertionError.class);
    }
    assertThat(client.syncJson("cainiao.global.solution.inquiry", Map.of())).containsEntry("is_success", true);
  }

  @Test
  void delayedResponsesStillArriveComplete() {
    emulator.faultDelay(Duration.ofMillis(20));
    emulator.injectFault("cainiao.global.solution.inquiry", CainiaoEmulator.Fault.DELAY, 1);
    assertThat(client.syncJson("cainiao.global.solution.inquiry", Map.of())).containsEntry("is_success", true);
  }

  // ------------------------------------------------------------------ housekeeping

  @Test
  void recordsRequestsWithDecodedParamsAndResetForgetsEverything() {
    client.createOrder("8001000000000014");
    List<CainiaoEmulator.RecordedCall> calls = emulator.requests();
    assertThat(calls).extracting(CainiaoEmulator.RecordedCall::api).containsExactly(
        "cainiao.global.logistic.order.create", "aliexpress.logistics.redefining.getonlinelogisticsinfo");
    assertThat(calls.get(0).params().get("order_param")).contains("手机壳");
    assertThat(calls.get(0).headers()).containsKey("Content-Type");
    assertThat(emulator.requestCount("*")).isEqualTo(2);
    emulator.injectFault("*", CainiaoEmulator.Fault.HTTP_500, 5);
    emulator.reset();
    assertThat(emulator.requests()).isEmpty();
    assertThat(emulator.ordersCreated()).isZero();
    assertThat(client.syncJson("cainiao.global.solution.inquiry", Map.of())).containsEntry("is_success", true);
  }

  @Test
  void bindsToLoopbackAndAnswersUnknownPathsWith404() throws Exception {
    assertThat(emulator.iopBaseUrl()).startsWith("http://127.0.0.1:");
    assertThat(emulator.linkBaseUrl()).endsWith("/gateway/link.do");
    HttpResponse<String> r = CainiaoTestClient.HTTP.send(
        HttpRequest.newBuilder(URI.create(emulator.iopBaseUrl() + "/nope")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void unknownMethodWithValidSignatureGetsInvalidApiPath() {
    Map<String, Object> error = map(json(client.sync("cnge.order.create", Map.of()).body()).get("error_response"));
    assertThat(error).containsEntry("code", "InvalidApiPath");
  }

  // ------------------------------------------------------------------ helpers (independent of the emulator)

  private List<Map<String, Object>> details(String number) {
    Map<String, Object> body = client.syncJson("aliexpress.logistics.redefining.querytrackingresult",
        Map.of("logistics_no", number, "origin", "ESCROW", "out_ref", "8001", "service_name", "CAINIAO_STANDARD",
            "to_area", "US"));
    assertThat(body).containsEntry("result_success", true);
    return list(body.get("details"));
  }

  private List<String> codes(String number) {
    return details(number).stream().map(d -> (String) d.get("action_code")).collect(Collectors.toList());
  }

  static boolean s10Valid(String n) {
    int[] w = {8, 6, 4, 2, 3, 5, 9, 7};
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (n.charAt(2 + i) - '0') * w[i];
    }
    int c = 11 - sum % 11;
    c = c == 10 ? 0 : c == 11 ? 5 : c;
    return c == n.charAt(10) - '0';
  }

  static boolean impbValid(String n) {
    if (n == null || n.length() != 22) {
      return false;
    }
    int sum = 0;
    for (int i = 20, k = 0; i >= 0; i--, k++) {
      int d = n.charAt(i) - '0';
      sum += k % 2 == 0 ? 3 * d : d;
    }
    return (10 - sum % 10) % 10 == n.charAt(21) - '0';
  }
}
