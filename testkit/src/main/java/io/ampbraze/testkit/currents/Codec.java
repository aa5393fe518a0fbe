package io.ampbraze.testkit.currents;

import org.apache.avro.file.CodecFactory;

/** The Avro container codecs a Currents file may use (Braze's samples use {@link #NULL}). */
public enum Codec {
  NULL("null"),
  DEFLATE("deflate"),
  SNAPPY("snappy");

  private final String avroName;

  Codec(String avroName) {
    this.avroName = avroName;
  }

  /** The name written in the file's {@code avro.codec} metadata. */
  public String avroName() {
    return avroName;
  }

  CodecFactory factory() {
    return switch (this) {
      case NULL -> CodecFactory.nullCodec();
      case DEFLATE -> CodecFactory.deflateCodec(6);
      case SNAPPY -> CodecFactory.snappyCodec();
    };
  }
}
