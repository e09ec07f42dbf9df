package dev.shipbridge.cainiao.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Cainiao's requests and answers as records ({@code cainiao-api.md} 3 and 4), read by {@link
 * CainiaoJson} with its coercions. IOP names are snake case; LINK and the public page camel case.
 * Where Cainiao spells one field several ways the first is the name and the others aliases; where
 * the spellings rank (the first present wins), each is its own component.
 */
final class CainiaoWire {
  private CainiaoWire() {}

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  // ---------------------------------------------------------------- envelopes

  /** An answer's business object as a record, beside the status read from the same object. */
  record Reply<T>(Envelope status, T body) {}

  /** Every place an envelope's status can be (IOP, TOP {@code error_response}, LINK, HsfResult). */
  record Envelope(Boolean success, @JsonProperty("is_success") Boolean isSuccessSnake,
      @JsonProperty("result_success") Boolean resultSuccess, Boolean isSuccess,
      String errorCode, @JsonProperty("error_code") String errorCodeSnake,
      @JsonProperty("result_error_code") String resultErrorCode, String code,
      @JsonAlias({"error_msg", "errorMessage", "error_message"}) String errorMsg,
      @JsonAlias("result_error_desc") @JsonProperty("error_desc") String errorDesc,
      @JsonAlias("message") String msg,
      @JsonAlias("subCode") @JsonProperty("sub_code") String subCode,
      @JsonAlias("subMsg") @JsonProperty("sub_msg") String subMsg,
      @JsonAlias({"is_retry", "needRetry", "need_retry", "retry"}) Boolean isRetry,
      String type, @JsonAlias("requestId") @JsonProperty("request_id") String requestId,
      @JsonProperty("error_response") Envelope errorResponse, Envelope response, Envelope result,
      @JsonProperty("error_info") ErrorInfo errorInfo) {

    Boolean flag() {
      return success != null ? success : isSuccessSnake != null ? isSuccessSnake
          : resultSuccess != null ? resultSuccess : isSuccess;
    }

    /** The first code given; "0" or blank (no error) is null. */
    String failureCode() {
      for (String c : new String[] {errorCode, errorCodeSnake, resultErrorCode, code}) {
        if (c != null) return c.isBlank() || "0".equals(c.trim()) ? null : c.trim();
      }
      return null;
    }

    String message() {
      return errorMsg != null ? errorMsg : errorDesc != null ? errorDesc : msg;
    }

    /** The message with TOP's {@code sub_msg}. */
    String fullMessage() {
      return CainiaoErrors.join(message(), subMsg);
    }

    /** Whether this layer says anything: a flag, a code or a retry hint. */
    boolean says() {
      return flag() != null || failureCode() != null || subCode != null || isRetry != null;
    }

    /** A false flag, or a code that is not "0". */
    boolean failed() {
      return Boolean.FALSE.equals(flag()) || failureCode() != null || subCode != null;
    }

    /** The carrier's own retry hint. */
    boolean retry() {
      return Boolean.TRUE.equals(isRetry);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ErrorInfo(String errorCode, String errorMsg) {}

  /** A Base64 document given raw, as JSON text holding it, or as an object holding it. */
  record Document(@JsonAlias({"Body", "data", "pdf"}) String body) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    Document {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Document raw(String body) {
      return new Document(body);
    }
  }

  // ---------------------------------------------------------------- IOP requests

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record PackageParam(long weight, Long length, Long width, Long height, Long price, String currency,
      List<ItemParam> itemParams) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ItemParam(String englishName, int quantity, long unitPrice, long totalPrice, String currency, long weight,
      String hsCode, List<String> itemFeatures) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record OrderParam(TradeOrder tradeOrderParam, String outOrderId, SolutionParam solutionParam,
      List<PackageParam> packageParams, SellerInfo sellerInfoParam, AddressId senderParam, AddressId returnerParam,
      AddressId pickupInfoParam, Receiver receiverParam) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TradeOrder(String tradeOrderId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record SolutionParam(String solutionCode, List<Code> serviceParams) {}

  record Code(String code) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record SellerInfo(String topUserKey) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AddressId(String sellerAddressId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Receiver(String name, String mobilePhone, String telephone, String email, ReceiverAddress addressParam) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ReceiverAddress(String countryCode, String province, String city, String detailAddress, String zipCode) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record UserInfo(String loginId, String topUserKey) {}

  // ---------------------------------------------------------------- IOP answers

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Inquiry(List<Solution> usableSolutionList, List<Solution> solutionList, Inquiry result) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Solution(@JsonAlias("solution_code") String code, @JsonAlias("solution_name") String name,
      String recommendIndex, List<Timing> timingList, List<Fee> feeList) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Timing(String timingType, Integer fastTiming, Integer slowestTiming, String displayText) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Fee(String feeType, String totalFee, String currency, List<FeeDetail> feeDetailList) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record FeeDetail(String feeDetailType, String fee, String feeCurrency, String currency) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Created(CreatedOrder result, String logisticsOrderId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CreatedOrder(@JsonAlias({"logistics_order_code", "lp_number", "order_code"}) String logisticsOrderId) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record OnlineInfoAnswer(List<OnlineRow> resultList, OnlineInfoAnswer result) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record OnlineRow(String orderId, @JsonAlias("logistics_order_id") String onlineLogisticsId,
      @JsonAlias({"logistics_order_code", "out_order_code"}) String lpNumber,
      @JsonAlias("international_logistics_id") String internationallogisticsId,
      String originalInternationalLogisticsId, String solutionCode, List<Code> logisticsServiceList,
      String channelCode, String lmResourceCode) {}

  record PrintInfo(@JsonAlias({"body", "data"}) Document result) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TrackAnswer(List<TrackDetail> details, String officialWebsite, TrackAnswer result) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record TrackDetail(String actionCode, String status, String eventDate, String eventDesc, String address,
      @JsonAlias("time_zone") @JsonProperty("timeZone") String timeZone) {}

  /** An HsfResult of the handover APIs, possibly inside {@code result}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Hsf(@JsonAlias("is_success") Boolean success, String errorCode,
      @JsonAlias("error_message") String errorMsg, @JsonAlias("retry") Boolean needRetry, HandoverData data,
      Hsf result) {}

  /** An HsfResult's {@code data}: an object, a Base64 document, or a bare flag. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record HandoverData(String handoverOrderId, String handoverContentId, String handoverContentCode,
      Boolean result, @JsonAlias({"Body", "data", "pdf"}) String body) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    HandoverData {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static HandoverData text(String text) {
      Boolean flag = CainiaoJson.flag(text.trim());
      return new HandoverData(null, null, null, flag == null || flag, text);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static HandoverData flag(boolean flag) {
      return new HandoverData(null, null, null, flag, null);
    }
  }

  // ---------------------------------------------------------------- public tracking page

  record PublicAnswer(@JsonAlias("data") List<Module> module, Boolean success,
      @JsonAlias("code") String errorCode, @JsonAlias("message") String errorMsg) {}

  record Module(String mailNo, List<PublicEvent> detailList, String mailNoSource, String status,
      String originCountry, String destCountry, CpInfo destCpInfo, String realMailNo, String copyRealMailNo,
      EtaInfo globalEtaInfo) {}

  record CpInfo(String cpName, String cpCode) {}

  record EtaInfo(Long deliveryMaxTime) {}

  record PublicEvent(String time, String timeStr, String timeZone, String actionCode,
      @JsonAlias("standardDesc") String standerdDesc, String desc) {}

  // ---------------------------------------------------------------- LINK

  /** LINK tracking content. */
  record LinkQuery(String mailNo, String locale) {}

  /** A LINK answer layer: its events in {@code statuses} or a trace list, perhaps inside {@code data}. */
  record LinkAnswer(LinkAnswer data, List<Trace> statuses,
      @JsonAlias({"traceDetails", "traceDetail"}) List<Trace> traceDetailList, PackageInfo packageParam) {}

  record PackageInfo(String trackingNumber, String cpName, String cpCode, String lastMileCarrier) {
    String carrier() {
      return cpName != null ? cpName : cpCode != null ? cpCode : lastMileCarrier;
    }
  }

  /** One LINK trace line; pull answers and pushes share it. */
  record Trace(String mailNo, @JsonAlias("action_code") String actionCode, String opCode, String opTimestamp,
      String time, @JsonAlias("opTime") String datetime, String timeZone, String customerizedDesc,
      @JsonAlias("standerdDesc") String standardDesc, @JsonAlias("desc") String description, String statusName,
      @JsonAlias("address") Place location) {}

  /** A trace's place: a text, or an object of its parts. */
  record Place(String city, @JsonAlias({"region", "state"}) String province,
      @JsonAlias("postcode") String zipCode, @JsonAlias("countryCode") String country,
      @JsonAlias({"address", "detailAddress"}) String name) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    Place {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Place text(String text) {
      return new Place(null, null, null, null, text);
    }
  }

  /** A push's {@code logistics_interface}. */
  record PushContent(@JsonAlias({"mail_no", "logisticsOrderCode", "trackingNumber", "lpNumber"}) String mailNo,
      @JsonAlias({"traceDetailList", "traceDetails", "statuses"}) List<Trace> traceDetail) {}
}
