package org.pc2seg.export.onnx;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import org.pc2seg.export.onnx.OnnxGraph.Attr;

/**
 * Turns the DJL layers the model is made of into ONNX nodes, one node per layer (no fusion): {@code
 * Conv2d} → {@code Conv}, {@code BatchNorm} → {@code BatchNormalization} (inference form, running
 * statistics and the layer's own ε), the ReLU lambda → {@code Relu}, ReLU6 → {@code Clip}. Weights
 * are copied from the blocks' parameters.
 */
final class BlockEmitter {
  private final OnnxGraph g;
  private int counter;

  BlockEmitter(OnnxGraph g) {
    this.g = g;
  }

  OnnxGraph graph() {
    return g;
  }

  /** A fresh tensor name. */
  String fresh(String base) {
    return base + "_" + counter++;
  }

  private static Parameter param(Block b, Parameter.Type type) {
    for (Parameter p : b.getDirectParameters().values()) {
      if (p.getType() == type) {
        return p;
      }
    }
    throw new IllegalStateException("block " + b + " has no " + type + " parameter");
  }

  private String constant(String prefix, Parameter p) {
    if (!p.isInitialized()) {
      throw new IllegalStateException("parameter " + p.getName() + " is not initialised");
    }
    return g.floatTensor(
        fresh(prefix), p.getArray().getShape().getShape(), p.getArray().toFloatArray());
  }

  /** A convolution node. */
  String conv(Convolution c, String x, String prefix) {
    long[] k = c.getKernelShape().getShape();
    long[] s = c.getStride().getShape();
    long[] p = c.getPadding().getShape();
    long[] d = c.getDilation().getShape();
    String w = constant(prefix + ".weight", param(c, Parameter.Type.WEIGHT));
    List<String> in =
        c.isIncludeBias()
            ? List.of(x, w, constant(prefix + ".bias", param(c, Parameter.Type.BIAS)))
            : List.of(x, w);
    return g.node(
        "Conv",
        in,
        List.of(fresh(prefix + ".conv")),
        Attr.ints("kernel_shape", k),
        Attr.ints("strides", s),
        Attr.ints("pads", p[0], p[1], p[0], p[1]),
        Attr.ints("dilations", d),
        Attr.i("group", c.getGroups()));
  }

  /** A batch normalisation node (inference: running mean and variance). */
  String batchNorm(BatchNorm b, String x, String prefix) {
    return g.node(
        "BatchNormalization",
        List.of(
            x,
            constant(prefix + ".gamma", param(b, Parameter.Type.GAMMA)),
            constant(prefix + ".beta", param(b, Parameter.Type.BETA)),
            constant(prefix + ".mean", param(b, Parameter.Type.RUNNING_MEAN)),
            constant(prefix + ".var", param(b, Parameter.Type.RUNNING_VAR))),
        List.of(fresh(prefix + ".bn")),
        Attr.f("epsilon", field(b, "epsilon", Float.class)));
  }

  /** ReLU6, min(max(x, 0), 6), MobileNetV2's activation. */
  String relu6(String x) {
    return g.node(
        "Clip", List.of(x, scalar("zero", 0f), scalar("six", 6f)), List.of(fresh("relu6")));
  }

  /** A float scalar constant. */
  String scalar(String base, float v) {
    return g.floatTensor(fresh(base), new long[0], new float[] {v});
  }

  String relu(String x) {
    return g.node("Relu", List.of(x), List.of(fresh("relu")));
  }

  /**
   * Any layer of the model: a convolution, a batch norm, the engine's conv → [BN] → [ReLU] layer, a
   * chain (or DJL sequential block) of layers, a ReLU lambda right after a convolution or batch
   * norm, or a residual unit ({@code relu(main(x) + shortcut(x))}, identity shortcut when it has
   * one child). Anything else is refused with the layer's name, never guessed.
   */
  String emit(Block b, String x, String prefix) {
    String kind = b.getClass().getSimpleName();
    if (b instanceof Convolution c) {
      return conv(c, x, prefix);
    }
    if (b instanceof BatchNorm bn) {
      return batchNorm(bn, x, prefix);
    }
    if (kind.equals("ConvLayer")) {
      String h = x;
      int i = 0;
      for (Block child : b.getChildren().values()) {
        h = emit(child, h, prefix + "." + i++);
      }
      if (!field(b, "relu", Boolean.class)) {
        return h;
      }
      return field(b, "clipAtSix", Boolean.class) ? relu6(h) : relu(h);
    }
    if (kind.equals("InvertedResidual")) {
      String main = emit(b.getChildren().valueAt(0), x, prefix + ".main");
      return field(b, "residual", Boolean.class)
          ? g.node("Add", List.of(main, x), List.of(fresh(prefix + ".add")))
          : main;
    }
    if (kind.equals("ResidualUnit")) {
      List<Block> parts = List.copyOf(b.getChildren().values());
      String main = emit(parts.get(0), x, prefix + ".main");
      String shortcut = parts.size() > 1 ? emit(parts.get(1), x, prefix + ".shortcut") : x;
      return relu(g.node("Add", List.of(main, shortcut), List.of(fresh(prefix + ".add"))));
    }
    if (b instanceof SequentialBlock || kind.equals("Chain")) {
      String h = x;
      Block previous = null;
      int i = 0;
      for (Block child : b.getChildren().values()) {
        String name = prefix + "." + i++;
        if (child instanceof LambdaBlock
            && (previous instanceof Convolution || previous instanceof BatchNorm)) {
          h = relu(h);
        } else {
          h = emit(child, h, name);
        }
        previous = child;
      }
      return h;
    }
    throw new IllegalStateException("cannot export layer " + kind + " at " + prefix);
  }

  /**
   * A private field of one of the engine's layers, such as the flags that say whether a conv layer
   * ends with a ReLU or ReLU6 and whether an inverted residual adds its input, or DJL's BatchNorm
   * epsilon.
   */
  private static <T> T field(Block block, String name, Class<T> type) {
    try {
      java.lang.reflect.Field f = block.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return type.cast(f.get(block));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read '" + name + "' of layer " + block, e);
    }
  }

  /** A constant int64 vector. */
  String int64s(String base, long... values) {
    return g.int64Tensor(fresh(base), new long[] {values.length}, values);
  }

  /**
   * Bilinear resize of {@code x} to the spatial size of {@code like} (align_corners = false, the
   * {@code pytorch_half_pixel} rule PyTorch's {@code upsample_bilinear2d} uses).
   */
  String resizeLike(String x, String like) {
    String xShape = g.node("Shape", List.of(x), List.of(fresh("shape")));
    String likeShape = g.node("Shape", List.of(like), List.of(fresh("shape")));
    String nc =
        g.node(
            "Slice", List.of(xShape, int64s("start", 0), int64s("end", 2)), List.of(fresh("nc")));
    String hw =
        g.node(
            "Slice",
            List.of(likeShape, int64s("start", 2), int64s("end", 4)),
            List.of(fresh("hw")));
    String sizes = g.node("Concat", List.of(nc, hw), List.of(fresh("sizes")), Attr.i("axis", 0));
    return g.node(
        "Resize",
        List.of(x, "", "", sizes),
        List.of(fresh("resize")),
        Attr.s("mode", "linear"),
        Attr.s("coordinate_transformation_mode", "pytorch_half_pixel"));
  }
}
