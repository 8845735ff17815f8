package org.pc2seg.export.onnx;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.util.PairList;
import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pc2seg.export.onnx.OnnxGraph.Attr;
import org.pc2seg.io.AtomicFiles;
import org.pc2seg.ml.model.DeepLabV3Plus;
import org.pc2seg.ml.model.MobileNetV2Backbone;
import org.pc2seg.ml.model.ModelConfig;
import org.pc2seg.project.LabelClass;

/**
 * Writes a trained {@link DeepLabV3Plus} as an ONNX model (opset 13), since DJL cannot export a
 * Java-defined network. The graph is rebuilt from the known architecture, walking the block's
 * children in order and copying their parameters; every DJL layer becomes one ONNX node (BatchNorm
 * is not folded into the convolutions), so the ONNX model computes exactly what the block computes
 * in inference mode.
 *
 * <p>Input {@code input}: N×3×H×W float32, RGB, normalised as in the metadata ({@code (x/255 −
 * mean) / std}); H and W are dynamic. Outputs: {@code logits} N×K×H×W (the block's first output)
 * and {@code probabilities} (softmax over classes). The projection head is not exported.
 *
 * <p>Metadata ({@code metadata_props}, read with ONNX Runtime's custom metadata): {@code
 * pc2seg.classes} (JSON list of {id, name, color}), {@code pc2seg.normalization} (JSON {mean, std,
 * scale}), {@code pc2seg.input_size} (the training crop, e.g. {@code "128x128"}), {@code
 * pc2seg.config} (the model config JSON), {@code pc2seg.input_layout}.
 */
public final class DeepLabOnnxExporter {
  /** The opset written. */
  public static final int OPSET = 13;

  private final DeepLabV3Plus block;
  private final List<LabelClass> classes;
  private final float[] mean;
  private final float[] std;
  private final int inputHeight;
  private final int inputWidth;
  private final Map<String, String> extraMetadata;

  private DeepLabOnnxExporter(Builder b) {
    this.block = b.block;
    this.classes = List.copyOf(b.classes);
    this.mean = b.mean.clone();
    this.std = b.std.clone();
    this.inputHeight = b.inputHeight;
    this.inputWidth = b.inputWidth;
    this.extraMetadata = new LinkedHashMap<>(b.extraMetadata);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds the ONNX graph. */
  public OnnxGraph graph() {
    ModelConfig cfg = block.config();
    OnnxGraph g = new OnnxGraph("pc2seg_deeplabv3plus_" + cfg.backbone().cliName());
    BlockEmitter e = new BlockEmitter(g);
    g.input("input", OnnxGraph.FLOAT, "N", 3L, "H", "W");

    PairList<String, Block> top = block.getChildren();
    Block backbone = top.valueAt(0);
    Block aspp = top.valueAt(1);
    Block lowReduce = top.valueAt(2);
    Block fuse = top.valueAt(3);
    Convolution classifier = (Convolution) top.valueAt(4);

    String[] features =
        cfg.backbone().resNet() ? resNetEncoder(backbone, e) : mobileNetEncoder(backbone, e);
    String low = features[0];
    String h = features[1];

    // ASPP: four conv branches, the image-pooling branch, concat, projection
    PairList<String, Block> ac = aspp.getChildren();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      parts.add(e.emit(ac.valueAt(i), h, "aspp.b" + i));
    }
    String pooled = g.node("GlobalAveragePool", List.of(h), List.of(e.fresh("gap")));
    String p = e.emit(ac.valueAt(4), pooled, "aspp.pool");
    String b0Shape = g.node("Shape", List.of(parts.get(0)), List.of(e.fresh("shape")));
    parts.add(g.node("Expand", List.of(p, b0Shape), List.of(e.fresh("expand"))));
    String cat = g.node("Concat", parts, List.of(e.fresh("aspp.cat")), Attr.i("axis", 1));
    String high = e.emit(ac.valueAt(5), cat, "aspp.project");

    // decoder
    String lowR = e.emit(lowReduce, low, "lowReduce");
    String up = e.resizeLike(high, lowR);
    String fused =
        g.node("Concat", List.of(up, lowR), List.of(e.fresh("decoder.cat")), Attr.i("axis", 1));
    String f = e.emit(fuse, fused, "fuse");
    String logitsLow = e.conv(classifier, f, "classifier");
    String logits = e.resizeLike(logitsLow, "input");
    g.node("Identity", List.of(logits), List.of("logits"));
    g.node("Softmax", List.of("logits"), List.of("probabilities"), Attr.i("axis", 1));
    g.output("logits", OnnxGraph.FLOAT, "N", (long) cfg.numClasses(), "H", "W");
    g.output("probabilities", OnnxGraph.FLOAT, "N", (long) cfg.numClasses(), "H", "W");
    addMetadata(g, cfg);
    return g;
  }

  /** A ResNet: stem = conv layer + max pool, then four stages of residual units. */
  private static String[] resNetEncoder(Block backbone, BlockEmitter e) {
    OnnxGraph g = e.graph();
    PairList<String, Block> bb = backbone.getChildren();
    PairList<String, Block> stem = bb.valueAt(0).getChildren();
    String h = e.emit(stem.valueAt(0), "input", "stem");
    if (stem.size() != 2 || !(stem.valueAt(1) instanceof LambdaBlock)) {
      throw new IllegalStateException(
          "unexpected stem layout: expected a conv layer and a max pool");
    }
    h =
        g.node(
            "MaxPool",
            List.of(h),
            List.of(e.fresh("maxpool")),
            Attr.ints("kernel_shape", 3, 3),
            Attr.ints("strides", 2, 2),
            Attr.ints("pads", 1, 1, 1, 1));
    String low = null;
    for (int s = 1; s <= 4; s++) {
      h = e.emit(bb.valueAt(s), h, "layer" + s);
      if (s == 1) {
        low = h;
      }
    }
    return new String[] {low, h};
  }

  /**
   * MobileNetV2: the input mapped from ImageNet normalisation to [−1, 1] (x·2·std + 2·mean − 1),
   * the stem conv layer, the blocks up to the stride-4 features, then the rest.
   */
  private static String[] mobileNetEncoder(Block backbone, BlockEmitter e) {
    OnnxGraph g = e.graph();
    float[] scale = MobileNetV2Backbone.kerasInputAffine(true);
    float[] shift = MobileNetV2Backbone.kerasInputAffine(false);
    long[] dims = {1, 3, 1, 1};
    String times =
        g.node(
            "Mul",
            List.of("input", g.floatTensor(e.fresh("keras.scale"), dims, scale)),
            List.of(e.fresh("keras.mul")));
    String x =
        g.node(
            "Add",
            List.of(times, g.floatTensor(e.fresh("keras.shift"), dims, shift)),
            List.of(e.fresh("keras.add")));
    PairList<String, Block> bb = backbone.getChildren();
    String h = e.emit(bb.valueAt(0), x, "stem");
    String low = e.emit(bb.valueAt(1), h, "low");
    return new String[] {low, e.emit(bb.valueAt(2), low, "high")};
  }

  private void addMetadata(OnnxGraph g, ModelConfig cfg) {
    Gson gson = new Gson();
    List<Map<String, Object>> cls = new ArrayList<>();
    for (LabelClass c : classes) {
      cls.add(Map.of("id", c.id(), "name", c.name(), "color", c.color()));
    }
    g.metadata("pc2seg.classes", gson.toJson(cls));
    Map<String, Object> norm = new LinkedHashMap<>();
    norm.put("scale", 1 / 255.0);
    norm.put("mean", mean);
    norm.put("std", std);
    g.metadata("pc2seg.normalization", gson.toJson(norm));
    g.metadata(
        "pc2seg.input_layout",
        "NCHW float32 RGB; x = (pixel / 255 - mean[c]) / std[c]; any H, W (multiples of 16 best)");
    g.metadata("pc2seg.input_size", inputHeight + "x" + inputWidth);
    g.metadata("pc2seg.config", gson.toJson(cfg));
    g.metadata("pc2seg.num_classes", Integer.toString(cfg.numClasses()));
    extraMetadata.forEach(g::metadata);
  }

  /** Writes the model atomically to {@code file}. */
  public void write(Path file) throws IOException {
    OnnxGraph g = graph();
    AtomicFiles.write(
        file,
        out ->
            g.write(
                out,
                OPSET,
                "PC2Seg Studio",
                org.pc2seg.AppVersion.app(),
                "DeepLabv3+ ("
                    + block.config().backbone().cliName()
                    + ") semantic segmentation trained with PC2Seg Studio"));
  }

  /** Configures a {@link DeepLabOnnxExporter}. */
  public static final class Builder {
    private DeepLabV3Plus block;
    private List<LabelClass> classes;
    private float[] mean = {0.485f, 0.456f, 0.406f};
    private float[] std = {0.229f, 0.224f, 0.225f};
    private int inputHeight = 512;
    private int inputWidth = 512;
    private final Map<String, String> extraMetadata = new LinkedHashMap<>();

    private Builder() {}

    /** The trained, initialised block (required). */
    public Builder setBlock(DeepLabV3Plus block) {
      this.block = block;
      return this;
    }

    /** The class table (required; its size must match the model's classes). */
    public Builder setClasses(List<LabelClass> classes) {
      this.classes = classes;
      return this;
    }

    /** Per-channel normalisation the model was trained with (default ImageNet mean/std). */
    public Builder optNormalization(float[] mean, float[] std) {
      if (mean.length != 3 || std.length != 3) {
        throw new IllegalArgumentException("normalisation needs 3 means and 3 stds");
      }
      this.mean = mean;
      this.std = std;
      return this;
    }

    /** The input size the model expects / was trained at (metadata only; default 512×512). */
    public Builder optInputSize(int height, int width) {
      this.inputHeight = height;
      this.inputWidth = width;
      return this;
    }

    /** An extra metadata entry (e.g. the training run, its metrics). */
    public Builder optMetadata(String key, String value) {
      extraMetadata.put(key, value);
      return this;
    }

    public DeepLabOnnxExporter build() {
      if (block == null || classes == null) {
        throw new IllegalStateException("block and classes are required");
      }
      int k = block.config().numClasses();
      int maxId = classes.stream().mapToInt(LabelClass::id).max().orElse(-1);
      if (maxId + 1 != k) {
        throw new IllegalArgumentException(
            "the model has " + k + " classes but the class table needs " + (maxId + 1));
      }
      return new DeepLabOnnxExporter(this);
    }
  }
}
