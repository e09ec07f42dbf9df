package dev.shipbridge.model;

import java.util.List;

/** Valid values the model tests start from. */
public final class Fixtures {
  private Fixtures() {}

  public static Address.Builder us() {
    return Address.builder().name("Ada Lovelace").line("1600 Pennsylvania Ave NW")
        .city("Washington").region("DC").postalCode("20500").country("US");
  }

  public static Address.Builder cn() {
    return Address.builder().name("Li Lei").line("No. 969 Wenyi West Road").city("Hangzhou")
        .region("Zhejiang").postalCode("311121").country("CN");
  }

  public static CustomsItem shirt() {
    return new CustomsItem("Cotton T-shirt", 2, Money.of("9.50", "USD"), Weight.grams(400), "610910", "CN");
  }

  public static CustomsDeclaration customs() {
    return CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(shirt()));
  }

  public static Parcel parcel() {
    return Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));
  }
}
