package org.pc2seg.edit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Binary layout of a stroke journal file. Header: {@code "P2SJ"}, version, mask width, height. Then
 * records: magic, payload length, CRC-32 of the payload, payload (deflated: patch count, then per
 * patch x, y, w, h and the w*h new values). A record cut short by a kill, or with a bad CRC, ends
 * the readable part of the file.
 */
final class JournalFormat {
  static final int FILE_MAGIC = 0x50325346; // "P2SF"
  static final int VERSION = 1;
  static final int HEADER_BYTES = 16;
  static final int RECORD_MAGIC = 0x53545231;

  private JournalFormat() {}

  /** One record: the new values of some mask regions. */
  record Write(int x, int y, int w, int h, byte[] values) {}

  static ByteBuffer header(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
    b.putInt(FILE_MAGIC).putInt(VERSION).putInt(width).putInt(height).flip();
    return b;
  }

  static ByteBuffer record(List<Write> writes) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(raw)) {
      out.writeInt(writes.size());
      for (Write w : writes) {
        out.writeInt(w.x());
        out.writeInt(w.y());
        out.writeInt(w.w());
        out.writeInt(w.h());
        out.write(w.values());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] plain = raw.toByteArray();
    Deflater def = new Deflater(Deflater.BEST_SPEED);
    def.setInput(plain);
    def.finish();
    byte[] buf = new byte[plain.length + 64];
    int n = 0;
    while (!def.finished()) {
      if (n == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      n += def.deflate(buf, n, buf.length - n);
    }
    def.end();
    CRC32 crc = new CRC32();
    crc.update(buf, 0, n);
    ByteBuffer b = ByteBuffer.allocate(12 + n);
    b.putInt(RECORD_MAGIC).putInt(n).putInt((int) crc.getValue()).put(buf, 0, n).flip();
    return b;
  }

  /** Parses one record payload (already CRC-checked). */
  static List<Write> parse(byte[] payload) throws IOException {
    Inflater inf = new Inflater();
    inf.setInput(payload);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    try {
      while (!inf.finished()) {
        int k = inf.inflate(buf);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IOException("truncated journal record");
        }
        plain.write(buf, 0, k);
      }
    } catch (DataFormatException e) {
      throw new IOException("corrupt journal record", e);
    } finally {
      inf.end();
    }
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plain.toByteArray()));
    int count = in.readInt();
    List<Write> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int x = in.readInt();
      int y = in.readInt();
      int w = in.readInt();
      int h = in.readInt();
      if (w <= 0 || h <= 0 || (long) w * h > 1 << 26) {
        throw new IOException("bad region in journal record");
      }
      byte[] v = new byte[w * h];
      in.readFully(v);
      out.add(new Write(x, y, w, h, v));
    }
    return out;
  }
}
