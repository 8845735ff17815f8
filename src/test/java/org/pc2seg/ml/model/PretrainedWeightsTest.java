package org.pc2seg.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedWeightsTest {

  static final ModelConfig SMALL = new ModelConfig(Backbone.RESNET18, 16, 3, 16, 16, 8);

  @TempDir Path dir;

  @Test
  void resnet18SafetensorsWithTorchvisionNamesLandInTheRightParameters() throws Exception {
    try (NDManager m = NDManager.newBaseManager();
        Model model = SegmentationModels.newModel(SMALL, "tv", null)) {
      Map<String, Shape> shapes = torchvisionResNet18();
      Path file = write(m, shapes, "backbone.", dir.resolve("resnet18.safetensors"));
      ModelWeights.loadBackbone(model, file);
      ResNetBackbone b = (ResNetBackbone) SegmentationModels.block(model).backbone();
      assertThat(value(b.stemLayer().convolution().getParameters().get("weight")))
          .isEqualTo(code("conv1.weight", shapes));
      assertThat(value(b.stemLayer().batchNorm().getParameters().get("runningVar")))
          .isEqualTo(code("bn1.running_var", shapes));
      ResidualUnit l4u1 = b.units(3).get(1);
      assertThat(value(l4u1.mainLayers().get(1).batchNorm().getParameters().get("gamma")))
          .isEqualTo(code("layer4.1.bn2.weight", shapes));
      ResidualUnit l2u0 = b.units(1).get(0);
      assertThat(value(l2u0.shortcut().convolution().getParameters().get("weight")))
          .isEqualTo(code("layer2.0.downsample.0.weight", shapes));
      assertThat(value(l2u0.mainLayers().get(0).convolution().getParameters().get("weight")))
          .isEqualTo(code("layer2.0.conv1.weight", shapes));
      assertThat(PretrainedWeights.plan(b)).hasSize(shapes.size() - 2); // fc.* ignored
    }
  }

  @Test
  void missingOrMisshapenTensorsAreNamedAndNothingIsCopied() throws Exception {
    try (NDManager m = NDManager.newBaseManager();
        Model r34 =
            SegmentationModels.newModel(
                new ModelConfig(Backbone.RESNET34, 16, 3, 16, 16, 8), "r34", null)) {
      Path file = write(m, torchvisionResNet18(), "", dir.resolve("r18.safetensors"));
      NDArray stemBefore = stemWeight(r34).duplicate();
      assertThatThrownBy(() -> ModelWeights.loadBackbone(r34, file))
          .isInstanceOf(MalformedModelException.class)
          .hasMessageContaining("r18.safetensors")
          .hasMessageContaining("layer1.2.conv1.weight");
      NDArray stemAfter = stemWeight(r34);
      assertThat(stemAfter.contentEquals(stemBefore)).isTrue();
      Map<String, Shape> wrong = torchvisionResNet18();
      wrong.put("layer1.0.conv1.weight", new Shape(64, 64, 1, 1));
      Path bad = write(m, wrong, "", dir.resolve("bad.safetensors"));
      try (Model r18 = SegmentationModels.newModel(SMALL, "r18", null)) {
        assertThatThrownBy(() -> ModelWeights.loadBackbone(r18, bad))
            .hasMessageContaining("bad.safetensors")
            .hasMessageContaining("layer1.0.conv1.weight")
            .hasMessageContaining("(64, 64, 1, 1)");
      }
    }
  }

  /** The weight of a ResNet model's stem conv. */
  private static NDArray stemWeight(Model model) {
    ResNetBackbone b = (ResNetBackbone) SegmentationModels.block(model).backbone();
    return b.stemLayer().convolution().getParameters().get("weight").getArray();
  }

  /** torchvision's resnet18 state-dict names and shapes, written out independently. */
  static Map<String, Shape> torchvisionResNet18() {
    Map<String, Shape> s = new LinkedHashMap<>();
    s.put("conv1.weight", new Shape(64, 3, 7, 7));
    bn(s, "bn1", 64);
    int in = 64;
    for (int stage = 1; stage <= 4; stage++) {
      int w = 64 << (stage - 1);
      for (int u = 0; u < 2; u++) {
        String p = "layer" + stage + "." + u + ".";
        s.put(p + "conv1.weight", new Shape(w, u == 0 ? in : w, 3, 3));
        bn(s, p + "bn1", w);
        s.put(p + "conv2.weight", new Shape(w, w, 3, 3));
        bn(s, p + "bn2", w);
        if (u == 0 && stage > 1) {
          s.put(p + "downsample.0.weight", new Shape(w, in, 1, 1));
          bn(s, p + "downsample.1", w);
        }
      }
      in = w;
    }
    s.put("fc.weight", new Shape(1000, 512));
    s.put("fc.bias", new Shape(1000));
    return s;
  }

  static void bn(Map<String, Shape> s, String p, int c) {
    for (String n : new String[] {"weight", "bias", "running_mean", "running_var"}) {
      s.put(p + "." + n, new Shape(c));
    }
  }

  /** A value that identifies the tensor: its index in the list plus a small ramp. */
  static float[] code(String name, Map<String, Shape> shapes) {
    int index = new java.util.ArrayList<>(shapes.keySet()).indexOf(name);
    int size = (int) shapes.get(name).size();
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = index + (i % 97) / 1000f;
    }
    return v;
  }

  static Path write(NDManager m, Map<String, Shape> shapes, String prefix, Path file)
      throws Exception {
    NDList list = new NDList();
    for (Map.Entry<String, Shape> e : shapes.entrySet()) {
      NDArray a = m.create(code(e.getKey(), shapes), e.getValue());
      a.setName(prefix + e.getKey());
      list.add(a);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      list.encode(out, NDList.Encoding.SAFETENSORS);
    }
    return file;
  }

  private static float[] value(ai.djl.nn.Parameter p) {
    return p.getArray().toFloatArray();
  }
}
