package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Renders a label as USPS answers it: multipart or vendor JSON, with the image in the asked format. */
final class LabelImages {
  /** Renders a label in the form the {@code Accept} header asks for. */
  static Wire.Reply render(LabelsApi.Label label, String accept) {
    int status = label.international() ? 201 : 200;
    String number = label.parcel().trackingNumber;
    Image img = image(label);
    boolean vendor = accept.toLowerCase(Locale.ROOT).contains(Wire.VENDOR_JSON);
    Wire.Reply reply;
    if (vendor) {
      Json.Obj out = Json.obj();
      out.putAll(label.metadata());
      if (img != null) {
        out.with(label.imageType().equals("LABEL_BROKER") ? "labelBrokerQR" : "labelImage", img.base64());
      }
      if (separateReceiptPart(label, img)) {
        out.with("receiptImage", receipt(label).base64());
      }
      reply = Wire.json(status, out, Wire.VENDOR_JSON);
    } else {
      List<Wire.Part> parts = new ArrayList<>();
      parts.add(new Wire.Part("labelMetadata", "application/json", null, Json.write(label.metadata())));
      if (img != null) {
        String name = label.imageType().equals("LABEL_BROKER") ? "labelBrokerQR" : "labelImage";
        parts.add(new Wire.Part(name, img.contentType(), name + "." + img.extension(), img.base64()));
      }
      if (separateReceiptPart(label, img)) {
        Image r = receipt(label);
        parts.add(new Wire.Part("receiptImage", r.contentType(), "receiptImage." + r.extension(), r.base64()));
      }
      reply = Wire.multipart(status, parts);
    }
    if (label.idempotencyKey() != null) {
      reply = Wire.withHeader(reply, "X-Idempotency-Key", label.idempotencyKey());
    }
    return reply;
  }

  /**
   * Whether the receipt comes as its own {@code receiptImage}: asked for ({@code SEPARATE_PAGE}),
   * and the label is an image that is not thermal (ZPL and EPL carry it inside {@code labelImage}).
   */
  static boolean separateReceiptPart(LabelsApi.Label label, Image img) {
    String t = label.imageType();
    return label.separateReceipt() && img != null && !t.startsWith("ZPL") && !t.equals("EPL300DPI");
  }

  /** A ZPL label; with {@code SEPARATE_PAGE}, the receipt follows as a second {@code ^XA...^XZ} segment. */
  private static byte[] zpl(LabelsApi.Label l, int dpi) {
    byte[] label = Documents.zpl(l.title(), l.lines(), l.parcel().trackingNumber, dpi);
    if (!l.separateReceipt()) {
      return label;
    }
    List<String> lines = new ArrayList<>(l.lines());
    lines.add(0, "CUSTOMER RECEIPT");
    byte[] receipt = Documents.zpl(l.title() + " - RECEIPT", lines, l.parcel().trackingNumber, dpi);
    byte[] both = java.util.Arrays.copyOf(label, label.length + receipt.length);
    System.arraycopy(receipt, 0, both, label.length, receipt.length);
    return both;
  }

  record Image(String contentType, String extension, byte[] bytes) {
    String base64() {
      return Base64.getEncoder().encodeToString(bytes);
    }
  }

  static Image image(LabelsApi.Label l) {
    String number = l.parcel().trackingNumber;
    double w = 4;
    double h = 6;
    switch (l.labelType()) {
      case "4X4LABEL": h = 4; break;
      case "4X5LABEL": h = 5; break;
      case "6X4LABEL": w = 6; h = 4; break;
      case "2X7LABEL": w = 2; h = 7; break;
      default: break;
    }
    switch (l.imageType()) {
      case "NONE":
        return null;
      case "PNG":
      case "LABEL_BROKER":
        return new Image("image/png", "png", Documents.png(number, (int) (w * 50), (int) (h * 50)));
      case "SVG":
        return new Image("image/svg+xml", "svg", Documents.svg(l.title(), number));
      case "ZPL203DPI":
        return new Image("application/octet-stream", "zpl", zpl(l, 203));
      case "ZPL300DPI":
        return new Image("application/octet-stream", "zpl", zpl(l, 300));
      case "EPL300DPI":
        return new Image("application/octet-stream", "epl", ("N\nq1200\nQ1800,24\nA50,50,0,4,1,1,N,\"" + l.title()
            + "\"\nB50,400,0,1,3,7,200,B,\"" + number + "\"\nP1\n").getBytes(StandardCharsets.US_ASCII));
      case "JPG":
      case "GIF":
      case "TIFF":
        Image converted = ImageFormats.convert(Documents.png(number, (int) (w * 50), (int) (h * 50)), l.imageType());
        if (converted != null) {
          return converted;
        }
        return new Image("application/pdf", "pdf", Documents.pdf(l.title(), l.lines(), number, w, h));
      default:
        return new Image("application/pdf", "pdf", Documents.pdf(l.title(), l.lines(), number, w, h));
    }
  }

  static Image receipt(LabelsApi.Label l) {
    List<String> lines = new ArrayList<>(l.lines());
    lines.add(0, "CUSTOMER RECEIPT");
    return new Image("application/pdf", "pdf", Documents.pdf(l.title() + " - RECEIPT", lines,
        l.parcel().trackingNumber, 4, 6));
  }
}
