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
 * Imports an ImageNet-pretrained ResNet encoder from a local {@code .safetensors} file that uses
 * torchvision / timm parameter names ({@code conv1.weight}, {@code bn1.running_mean}, {@code
 * layer3.1.conv2.weight}, {@code layer2.0.downsample.0.weight}, ...), optionally under a common
 * prefix such as {@code backbone.} or {@code model.}. The classifier ({@code fc.*}) and anything
 * else is ignored. Half-precision tensors are converted to float32. The user supplies the file;
 * nothing is downloaded.
 */
public final class TorchvisionWeights {

  private TorchvisionWeights() {}

  /**
   * Copies the encoder weights into {@code model}'s {@link DeepLabV3Plus}.
   *
   * @return the number of tensors copied
   * @throws MalformedModelException naming the file and the tensor that is missing or misshapen
   */
  public static int loadResNetBackbone(Model model, Path file)
      throws IOException, MalformedModelException {
    ResNetBackbone backbone = SegmentationModels.block(model).backbone();
    if (!Files.isRegularFile(file)) {
      throw new IOException("weights file " + file + " does not exist or is not a file");
    }
    try (NDManager tmp = model.getNDManager().newSubManager();
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
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
      String prefix = prefix(tensors, file);
      Map<Parameter, String> plan = plan(backbone);
      // check everything before copying anything, so a bad file leaves the model as it was
      List<NDArray> sources = new ArrayList<>();
      for (Map.Entry<Parameter, String> e : plan.entrySet()) {
        NDArray src = tensors.get(prefix + e.getValue());
        if (src == null) {
          throw new MalformedModelException(
              file
                  + " has no tensor '"
                  + prefix
                  + e.getValue()
                  + "' (is it a "
                  + backbone.variant()
                  + "?)");
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
                  + backbone.variant()
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

  /** The common prefix before torchvision's names, found from the stem conv. */
  private static String prefix(Map<String, NDArray> tensors, Path file)
      throws MalformedModelException {
    for (String name : tensors.keySet()) {
      if (name != null && name.endsWith("conv1.weight") && !name.contains("layer")) {
        return name.substring(0, name.length() - "conv1.weight".length());
      }
    }
    throw new MalformedModelException(
        file + " holds no torchvision/timm ResNet weights (no 'conv1.weight' tensor)");
  }
}
