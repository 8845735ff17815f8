package org.pc2seg.export.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an ONNX model (graph, initializers, inputs, outputs, metadata) and encodes it as the
 * {@code onnx.ModelProto} protobuf, field numbers as in {@code onnx/onnx.proto}. Only what the
 * segmentation exporter needs: float and int64 tensors, int/ints/float/string attributes.
 */
public final class OnnxGraph {
  /** ONNX IR version 7 (the one released with opset 13). */
  public static final long IR_VERSION = 7;

  /** TensorProto.DataType.FLOAT. */
  public static final int FLOAT = 1;

  /** TensorProto.DataType.INT64. */
  public static final int INT64 = 7;

  private final String name;
  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private final List<ProtoWriter> inputs = new ArrayList<>();
  private final List<ProtoWriter> outputs = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private int nodeCount;

  public OnnxGraph(String name) {
    this.name = name;
  }

  /** A node attribute. */
  public static final class Attr {
    private final ProtoWriter w = new ProtoWriter();

    private Attr(String name) {
      w.string(1, name);
    }

    /** An INT attribute. */
    public static Attr i(String name, long value) {
      Attr a = new Attr(name);
      a.w.varint(3, value).varint(20, 2);
      return a;
    }

    /** An INTS attribute. */
    public static Attr ints(String name, long... values) {
      Attr a = new Attr(name);
      for (long v : values) {
        a.w.varint(8, v);
      }
      a.w.varint(20, 7);
      return a;
    }

    /** A FLOAT attribute. */
    public static Attr f(String name, float value) {
      Attr a = new Attr(name);
      a.w.float32(2, value).varint(20, 1);
      return a;
    }

    /** A STRING attribute. */
    public static Attr s(String name, String value) {
      Attr a = new Attr(name);
      a.w.string(4, value).varint(20, 3);
      return a;
    }
  }

  /**
   * Adds a node. Use an empty string for an omitted optional input.
   *
   * @return the first output's name
   */
  public String node(String op, List<String> in, List<String> out, Attr... attrs) {
    ProtoWriter n = new ProtoWriter();
    for (String s : in) {
      n.string(1, s);
    }
    for (String s : out) {
      n.string(2, s);
    }
    n.string(3, op + "_" + nodeCount++);
    n.string(4, op);
    for (Attr a : attrs) {
      n.message(5, a.w);
    }
    nodes.add(n);
    return out.get(0);
  }

  /** Adds a float initializer (a constant tensor, stored as little-endian raw data). */
  public String floatTensor(String tensorName, long[] dims, float[] data) {
    ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    initializers.add(tensor(tensorName, dims, FLOAT, b.array()));
    return tensorName;
  }

  /** Adds an int64 initializer. */
  public String int64Tensor(String tensorName, long[] dims, long[] data) {
    ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(data);
    initializers.add(tensor(tensorName, dims, INT64, b.array()));
    return tensorName;
  }

  private static ProtoWriter tensor(String name, long[] dims, int type, byte[] raw) {
    ProtoWriter t = new ProtoWriter(raw.length + 64);
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, type);
    t.string(8, name);
    t.bytes(9, raw);
    return t;
  }

  /**
   * Declares a graph input or output.
   *
   * @param dims each a {@code Long} (fixed size) or a {@code String} (a named dynamic dimension)
   */
  private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d instanceof Number n) {
        dim.varint(1, n.longValue());
      } else {
        dim.string(2, d.toString());
      }
      shape.message(1, dim);
    }
    ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
    ProtoWriter type = new ProtoWriter().message(1, tensorType);
    return new ProtoWriter().string(1, name).message(2, type);
  }

  public void input(String name, int elemType, Object... dims) {
    inputs.add(valueInfo(name, elemType, dims));
  }

  public void output(String name, int elemType, Object... dims) {
    outputs.add(valueInfo(name, elemType, dims));
  }

  /** Adds a {@code metadata_props} entry (ONNX Runtime exposes them as custom metadata). */
  public void metadata(String key, String value) {
    metadata.put(key, value);
  }

  /** Number of nodes so far. */
  public int nodeCount() {
    return nodes.size();
  }

  /** Encodes the model and writes it. */
  public void write(OutputStream target, int opset, String producer, String version, String doc)
      throws IOException {
    ProtoWriter graph = new ProtoWriter(1 << 20);
    for (ProtoWriter n : nodes) {
      graph.message(1, n);
    }
    graph.string(2, name);
    for (ProtoWriter t : initializers) {
      graph.message(5, t);
    }
    for (ProtoWriter i : inputs) {
      graph.message(11, i);
    }
    for (ProtoWriter o : outputs) {
      graph.message(12, o);
    }
    ProtoWriter model = new ProtoWriter(64);
    model.varint(1, IR_VERSION);
    model.string(2, producer);
    model.string(3, version);
    model.string(4, "org.pc2seg");
    model.varint(5, 1);
    model.string(6, doc);
    // graph (field 7) is streamed after the header to avoid copying tens of MB once more
    model.writeTo(target);
    writeLengthDelimitedHeader(target, 7, graph.size());
    graph.writeTo(target);
    ProtoWriter tail = new ProtoWriter();
    tail.message(8, new ProtoWriter().string(1, "").varint(2, opset));
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      tail.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
    }
    tail.writeTo(target);
  }

  private static void writeLengthDelimitedHeader(OutputStream out, int field, long length)
      throws IOException {
    long tag = ((long) field << 3) | 2;
    for (long v : new long[] {tag, length}) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
