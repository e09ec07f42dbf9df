package dev.shipbridge.testkit.usps;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Minimal but valid label documents: PDF 1.4, PNG (grayscale), ZPL II and SVG. */
final class Documents {
  private Documents() {}

  /** A one-page PDF (4x6 in by default) with a few lines of text and a bar pattern. */
  static byte[] pdf(String title, List<String> lines, String barcodeDigits, double widthIn, double heightIn) {
    int w = (int) Math.round(widthIn * 72);
    int h = (int) Math.round(heightIn * 72);
    StringBuilder content = new StringBuilder();
    content.append("BT /F1 14 Tf 18 ").append(h - 30).append(" Td (").append(pdfEscape(title)).append(") Tj ET\n");
    int y = h - 52;
    for (String line : lines) {
      content.append("BT /F1 9 Tf 18 ").append(y).append(" Td (").append(pdfEscape(line)).append(") Tj ET\n");
      y -= 13;
    }
    // a pseudo barcode: one bar per digit, width by value
    int x = 18;
    for (char c : barcodeDigits.toCharArray()) {
      int bw = 1 + (Character.isDigit(c) ? (c - '0') % 4 : 1);
      content.append(x).append(" 40 ").append(bw).append(" 60 re f\n");
      x += bw + 3;
    }
    content.append("BT /F1 10 Tf 18 26 Td (").append(pdfEscape(barcodeDigits)).append(") Tj ET\n");
    byte[] stream = content.toString().getBytes(StandardCharsets.ISO_8859_1);

    List<String> objects = new ArrayList<>();
    objects.add("<< /Type /Catalog /Pages 2 0 R >>");
    objects.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + w + " " + h + "] "
        + "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
    objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
    long[] offsets = new long[6];
    for (int k = 0; k < objects.size(); k++) {
      offsets[k + 1] = out.size();
      write(out, (k + 1) + " 0 obj\n" + objects.get(k) + "\nendobj\n");
    }
    offsets[5] = out.size();
    write(out, "5 0 obj\n<< /Length " + stream.length + " >>\nstream\n");
    out.write(stream, 0, stream.length);
    write(out, "\nendstream\nendobj\n");
    long xref = out.size();
    StringBuilder x2 = new StringBuilder("xref\n0 6\n0000000000 65535 f \n");
    for (int k = 1; k <= 5; k++) {
      x2.append(String.format("%010d 00000 n \n", offsets[k]));
    }
    x2.append("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
    write(out, x2.toString());
    return out.toByteArray();
  }

  private static String pdfEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '(' || c == ')' || c == '\\') {
        b.append('\\');
      }
      b.append(c < 0x20 || c > 0x7e ? '?' : c);
    }
    return b.toString();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    out.write(b, 0, b.length);
  }

  /** An 8-bit grayscale PNG (4x6 in at 50 dpi) with a bar pattern derived from {@code digits}. */
  static byte[] png(String digits, int width, int height) {
    byte[] raw = new byte[(width + 1) * height];
    boolean[] bars = new boolean[width];
    int x = 10;
    for (char c : digits.toCharArray()) {
      int bw = 1 + (Character.isDigit(c) ? (c - '0') % 3 : 1);
      for (int k = 0; k < bw && x + k < width - 10; k++) {
        bars[x + k] = true;
      }
      x += bw + 2;
    }
    for (int row = 0; row < height; row++) {
      int base = row * (width + 1);
      raw[base] = 0; // filter: none
      boolean barRow = row > height / 2 && row < height / 2 + height / 5;
      for (int col = 0; col < width; col++) {
        boolean black = (barRow && bars[col]) || row < 3 || row >= height - 3 || col < 3 || col >= width - 3;
        raw[base + 1 + col] = black ? 0 : (byte) 0xFF;
      }
    }
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!deflater.finished()) {
      int n = deflater.deflate(buf);
      z.write(buf, 0, n);
    }
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, width);
    putInt(ihdr, 4, height);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 0; // grayscale
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] len = new byte[4];
    putInt(len, 0, data.length);
    out.writeBytes(len);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.writeBytes(c);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  /** A ZPL II label with the tracking number as a GS1-128 barcode. */
  static byte[] zpl(String title, List<String> lines, String trackingNumber, int dpi) {
    StringBuilder z = new StringBuilder("^XA\n^CI28\n^PW").append(4 * dpi).append("\n^LL").append(6 * dpi).append('\n');
    z.append("^FO30,30^A0N,40,40^FD").append(zplEscape(title)).append("^FS\n");
    int y = 90;
    for (String line : lines) {
      z.append("^FO30,").append(y).append("^A0N,26,26^FD").append(zplEscape(line)).append("^FS\n");
      y += 34;
    }
    z.append("^FO30,").append(y + 20).append("^BY3^BCN,160,Y,N,N^FD").append(trackingNumber).append("^FS\n^XZ\n");
    return z.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String zplEscape(String s) {
    return s.replace('^', ' ').replace('~', ' ');
  }

  /** A small SVG label. */
  static byte[] svg(String title, String trackingNumber) {
    String s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4in\" height=\"6in\" viewBox=\"0 0 288 432\">"
        + "<rect width=\"288\" height=\"432\" fill=\"white\" stroke=\"black\"/>"
        + "<text x=\"18\" y=\"30\" font-family=\"Helvetica\" font-size=\"14\">" + xml(title) + "</text>"
        + "<text x=\"18\" y=\"400\" font-family=\"Helvetica\" font-size=\"10\">" + xml(trackingNumber) + "</text></svg>";
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
