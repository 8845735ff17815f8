package org.pc2seg.export.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers wire-format encoder (varint, fixed32 and length-delimited fields),
 * enough to write ONNX's {@code ModelProto} without generated code. Nested messages are encoded
 * bottom-up: build the child, then {@link #message} copies it in with its length prefix.
 */
final class ProtoWriter {
  private static final int VARINT = 0;
  private static final int FIXED32 = 5;
  private static final int LENGTH_DELIMITED = 2;

  private final ByteArrayOutputStream out;

  ProtoWriter() {
    this(256);
  }

  ProtoWriter(int capacity) {
    out = new ByteArrayOutputStream(capacity);
  }

  private void tag(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  private void rawVarint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** An int32/int64/enum field (negative values take 10 bytes, as protobuf specifies). */
  ProtoWriter varint(int field, long value) {
    tag(field, VARINT);
    rawVarint(value);
    return this;
  }

  /** A float field. */
  ProtoWriter float32(int field, float value) {
    tag(field, FIXED32);
    int bits = Float.floatToIntBits(value);
    for (int i = 0; i < 4; i++) {
      out.write((bits >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  /** A bytes field. */
  ProtoWriter bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    rawVarint(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  /** A string field (UTF-8). */
  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** An embedded message field. */
  ProtoWriter message(int field, ProtoWriter child) {
    tag(field, LENGTH_DELIMITED);
    rawVarint(child.out.size());
    out.write(child.out.toByteArray(), 0, child.out.size());
    return this;
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** Writes the encoded bytes to a stream. */
  void writeTo(java.io.OutputStream target) throws java.io.IOException {
    out.writeTo(target);
  }
}
