package dev.shipbridge.testkit.usps;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Converts the emulator's PNG label into JPG, GIF or TIFF with the JDK's ImageIO (headless). */
final class ImageFormats {
  private ImageFormats() {}

  static LabelImages.Image convert(byte[] png, String imageType) {
    String format;
    String contentType;
    String ext;
    switch (imageType) {
      case "JPG": format = "jpeg"; contentType = "image/jpg"; ext = "jpg"; break;
      case "GIF": format = "gif"; contentType = "image/gif"; ext = "gif"; break;
      case "TIFF": format = "tiff"; contentType = "image/tiff"; ext = "tif"; break;
      default: return null;
    }
    try {
      BufferedImage src = ImageIO.read(new ByteArrayInputStream(png));
      BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(),
          format.equals("gif") ? BufferedImage.TYPE_BYTE_INDEXED : BufferedImage.TYPE_INT_RGB);
      rgb.getGraphics().drawImage(src, 0, 0, null);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(rgb, format, out)) {
        return null;
      }
      return new LabelImages.Image(contentType, ext, out.toByteArray());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
