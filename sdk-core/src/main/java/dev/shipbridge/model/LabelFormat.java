package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;

/**
 * The file a label comes as.
 *
 * <pre>{@code
 * LabelFormat.PDF_4X6           // the default
 * LabelFormat.zpl(203)          // thermal printers
 * }</pre>
 *
 * @param type PDF, PNG or ZPL
 * @param dpi printer resolution (ZPL: 203 or 300)
 * @param pageSize the label stock
 */
public record LabelFormat(Type type, int dpi, PageSize pageSize) {
  public enum Type { PDF, PNG, ZPL }

  public enum PageSize { FOUR_BY_SIX, FOUR_BY_FOUR, LETTER }

  public static final LabelFormat PDF_4X6 = new LabelFormat(Type.PDF, 300, PageSize.FOUR_BY_SIX);
  public static final LabelFormat PNG_4X6 = new LabelFormat(Type.PNG, 300, PageSize.FOUR_BY_SIX);

  public LabelFormat {
    Checks c = new Checks();
    c.notNull("type", type);
    c.notNull("pageSize", pageSize);
    if (type == Type.ZPL && dpi != 203 && dpi != 300) c.add("dpi", "must be 203 or 300 for ZPL");
    if (dpi < 72 || dpi > 600) c.add("dpi", "must be between 72 and 600");
    c.throwIfAny();
  }

  public static LabelFormat zpl(int dpi) {
    return new LabelFormat(Type.ZPL, dpi, PageSize.FOUR_BY_SIX);
  }

  /** The MIME type of the label's bytes. */
  public String mediaType() {
    return switch (type) {
      case PDF -> "application/pdf";
      case PNG -> "image/png";
      case ZPL -> "application/zpl";
    };
  }
}
