package org.pc2seg.export.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {
  @Test
  void encodesTheWireFormat() {
    // field 1 varint 300 -> 08 AC 02 (the protobuf documentation's example)
    assertThat(new ProtoWriter().varint(1, 300).toByteArray()).containsExactly(0x08, 0xAC, 0x02);
    // field 2 string "testing" -> 12 07 74 65 73 74 69 6e 67
    assertThat(new ProtoWriter().string(2, "testing").toByteArray())
        .containsExactly(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67);
    // field 3 embedded message {1: 150} -> 1a 03 08 96 01
    assertThat(new ProtoWriter().message(3, new ProtoWriter().varint(1, 150)).toByteArray())
        .containsExactly(0x1a, 0x03, 0x08, 0x96, 0x01);
    // field 2 float 1.0f -> 15 00 00 80 3f
    assertThat(new ProtoWriter().float32(2, 1f).toByteArray())
        .containsExactly(0x15, 0x00, 0x00, 0x80, 0x3f);
    // negative int64 takes ten bytes
    assertThat(new ProtoWriter().varint(1, -1).toByteArray()).hasSize(11);
  }
}
