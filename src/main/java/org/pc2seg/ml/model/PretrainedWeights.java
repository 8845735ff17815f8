package org.pc2seg.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports ImageNet-pretrained encoder weights from a local {@code .safetensors} file. The user
 * supplies the file; nothing is downloaded.
 *
 * <ul>
 *   <li>ResNets: torchvision / timm parameter names ({@code conv1.weight}, {@code
 *       bn1.running_mean}, {@code layer3.1.conv2.weight}, {@code layer2.0.downsample.0.weight},
 *       ...). The classifier ({@code fc.*}) is ignored.
 *   <li>MobileNetV2: Keras layer names in PyTorch layouts ({@code Conv1/kernel}, {@code
 *       bn_Conv1/moving_mean}, {@code block_3_depthwise/depthwise_kernel}, ...), as {@code
 *       tools/mobilenet-v2/convert.mjs} writes them.
 * </ul>
 *
 * <p>Names may sit under a common prefix such as {@code backbone.} or {@code model.}; anything else
 * in the file is ignored. Half-precision tensors are converted to float32.
 */
public final class PretrainedWeights {

  /** The {@code --init-weights} value that names the weights bundled with the app. */
  public static final String BUNDLED = "imagenet";

  /**
   * MobileNetV2's ImageNet weights, bundled: Keras's keras.applications MobileNetV2 as the npm
   * package nsfwjs 4.3.0 (MIT licence) ships it, converted by {@code tools/mobilenet-v2} (float16).
   */
  private static final String BUNDLED_MOBILENET = "mobilenetv2-imagenet.safetensors";

  private PretrainedWeights() {}

  /** Whether ImageNet weights for {@code backbone} come with the app. */
  public static boolean bundled(Backbone backbone) {
    return backbone == Backbone.MOBILENETV2;
  }

  /**
   * Copies the bundled ImageNet weights into {@code model}'s encoder.
   *
   * @throws MalformedModelException when none are bundled for the model's encoder
   */
  public static int loadBundled(Model model) throws IOException, MalformedModelException {
    Backbone variant = SegmentationModels.block(model).config().backbone();
    if (!bundled(variant)) {
      throw new MalformedModelException(
          "no ImageNet weights come with the app for "
              + variant
              + " (only for mobilenetv2): pass a local torchvision .safetensors file instead");
    }
    try (InputStream in = PretrainedWeights.class.getResourceAsStream(BUNDLED_MOBILENET)) {
      if (in == null) {
        throw new IOException("the bundled " + BUNDLED_MOBILENET + " is missing from the app");
      }
      return load(model, new BufferedInputStream(in, 1 << 16), BUNDLED_MOBILENET);
    }
  }

  /**
   * Copies the encoder weights into {@code model}'s {@link DeepLabV3Plus}.
   *
   * @return the number of tensors copied
   * @throws MalformedModelException naming the file and the tensor that is missing or misshapen
   */
  public static int loadBackbone(Model model, Path file)
      throws IOException, MalformedModelException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("weights file " + file + " does not exist or is not a file");
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return load(model, in, file.toString());
    }
  }

  private static int load(Model model, InputStream in, String file)
      throws IOException, MalformedModelException {
    DeepLabV3Plus block = SegmentationModels.block(model);
    Backbone variant = block.config().backbone();
    Map<Parameter, String> plan =
        variant.resNet()
            ? plan((ResNetBackbone) block.backbone())
            : plan((MobileNetV2Backbone) block.backbone());
    String stemName = variant.resNet() ? "conv1.weight" : "Conv1/kernel";
    try (NDManager tmp = model.getNDManager().newSubManager()) {
      NDList list;
      try {
        list = NDList.decode(tmp, in);
      } catch (RuntimeException e) {
        throw new MalformedModelException(file + " is not a readable safetensors file: " + e, e);
      }
      Map<String, NDArray> tensors = new HashMap<>();
      for (NDArray a : list) {
        tensors.put(a.getName(), a);
      }
      String prefix = prefix(tensors, stemName, variant, file);
      // check everything before copying anything, so a bad file leaves the model as it was
      List<NDArray> sources = new ArrayList<>();
      for (Map.Entry<Parameter, String> e : plan.entrySet()) {
        NDArray src = tensors.get(prefix + e.getValue());
        if (src == null) {
          throw new MalformedModelException(
              file + " has no tensor '" + prefix + e.getValue() + "' (is it a " + variant + "?)");
        }
        if (!src.getShape().equals(e.getKey().getArray().getShape())) {
          throw new MalformedModelException(
              file
                  + ": tensor '"
                  + prefix
                  + e.getValue()
                  + "' has shape "
                  + src.getShape()
                  + ", the "
                  + variant
                  + " encoder needs "
                  + e.getKey().getArray().getShape());
        }
        sources.add(src);
      }
      int i = 0;
      for (Parameter p : plan.keySet()) {
        NDArray src = sources.get(i++);
        p.getArray().set(src.toType(DataType.FLOAT32, false).toFloatArray());
      }
      return plan.size();
    }
  }

  /** The Keras name of every MobileNetV2 encoder parameter. */
  static Map<Parameter, String> plan(MobileNetV2Backbone backbone) {
    Map<Parameter, String> plan = new LinkedHashMap<>();
    addKeras(plan, backbone.stemLayer(), "Conv1", "bn_Conv1", "kernel");
    List<InvertedResidual> blocks = backbone.blocks();
    for (int b = 0; b < blocks.size(); b++) {
      String base = b == 0 ? "expanded_conv_" : "block_" + b + "_";
      List<ConvLayer> layers = blocks.get(b).layers();
      String[] roles =
          layers.size() == 3
              ? new String[] {"expand", "depthwise", "project"}
              : new String[] {"depthwise", "project"};
      for (int c = 0; c < layers.size(); c++) {
        String kernel = roles[c].equals("depthwise") ? "depthwise_kernel" : "kernel";
        addKeras(plan, layers.get(c), base + roles[c], base + roles[c] + "_BN", kernel);
      }
    }
    return plan;
  }

  private static void addKeras(
      Map<Parameter, String> plan, ConvLayer layer, String conv, String bn, String kernel) {
    plan.put(layer.convolution().getParameters().get("weight"), conv + "/" + kernel);
    var p = layer.batchNorm().getParameters();
    plan.put(p.get("gamma"), bn + "/gamma");
    plan.put(p.get("beta"), bn + "/beta");
    plan.put(p.get("runningMean"), bn + "/moving_mean");
    plan.put(p.get("runningVar"), bn + "/moving_variance");
  }

  /** The torchvision name of every encoder parameter. */
  static Map<Parameter, String> plan(ResNetBackbone backbone) {
    Map<Parameter, String> plan = new LinkedHashMap<>();
    add(plan, backbone.stemLayer(), "conv1", "bn1");
    for (int s = 0; s < 4; s++) {
      List<ResidualUnit> units = backbone.units(s);
      for (int u = 0; u < units.size(); u++) {
        String base = "layer" + (s + 1) + "." + u + ".";
        List<ConvLayer> layers = units.get(u).mainLayers();
        for (int c = 0; c < layers.size(); c++) {
          add(plan, layers.get(c), base + "conv" + (c + 1), base + "bn" + (c + 1));
        }
        if (units.get(u).shortcut() != null) {
          add(plan, units.get(u).shortcut(), base + "downsample.0", base + "downsample.1");
        }
      }
    }
    return plan;
  }

  private static void add(Map<Parameter, String> plan, ConvLayer layer, String conv, String bn) {
    plan.put(layer.convolution().getParameters().get("weight"), conv + ".weight");
    var p = layer.batchNorm().getParameters();
    plan.put(p.get("gamma"), bn + ".weight");
    plan.put(p.get("beta"), bn + ".bias");
    plan.put(p.get("runningMean"), bn + ".running_mean");
    plan.put(p.get("runningVar"), bn + ".running_var");
  }

  /** The common prefix before the encoder's names, found from the stem conv. */
  private static String prefix(
      Map<String, NDArray> tensors, String stemName, Backbone variant, String file)
      throws MalformedModelException {
    for (String name : tensors.keySet()) {
      if (name != null && name.endsWith(stemName) && !name.contains("layer")) {
        return name.substring(0, name.length() - stemName.length());
      }
    }
    throw new MalformedModelException(
        file + " holds no " + variant + " encoder weights (no '" + stemName + "' tensor)");
  }
}
