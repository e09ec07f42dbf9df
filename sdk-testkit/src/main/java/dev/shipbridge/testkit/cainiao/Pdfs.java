package dev.shipbridge.testkit.cainiao;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds small but valid one-page PDF documents (labels, handover lists). Internal. */
public final class Pdfs {
  private Pdfs() {}

  /** A one-page 4×6 in PDF showing {@code lines} of Helvetica text; ASCII only. */
  public static byte[] textPage(List<String> lines) {
    StringBuilder stream = new StringBuilder("BT /F1 12 Tf 18 400 Td 16 TL\n");
    for (String line : lines) {
      stream.append('(').append(escape(line)).append(") Tj T*\n");
    }
    stream.append("ET\n");
    byte[] content = stream.toString().getBytes(StandardCharsets.US_ASCII);

    List<String> objects = new ArrayList<>();
    objects.add("<< /Type /Catalog /Pages 2 0 R >>");
    objects.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] "
        + "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>");
    objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    objects.add("<< /Length " + content.length + " >>\nstream\n"
        + new String(content, StandardCharsets.US_ASCII) + "endstream");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "%PDF-1.4\n");
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      offsets.add(out.size());
      write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
    }
    int xref = out.size();
    StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    for (int offset : offsets) {
      table.append(String.format("%010d 00000 n \n", offset));
    }
    table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\n")
        .append("startxref\n").append(xref).append("\n%%EOF\n");
    write(out, table.toString());
    return out.toByteArray();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '(' || c == ')' || c == '\\') {
        b.append('\\').append(c);
      } else if (c >= 32 && c < 127) {
        b.append(c);
      } else {
        b.append('?');
      }
    }
    return b.toString();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    out.write(bytes, 0, bytes.length);
  }
}
