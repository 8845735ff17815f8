package org.pc2seg.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.ml.data.ImageTensors;

class MobileNetV2BackboneTest {

  static final ModelConfig SMALL = new ModelConfig(Backbone.MOBILENETV2, 16, 3, 16, 16, 8);

  @TempDir Path dir;

  @Test
  void encoderHasKerasMobileNetV2sParameterCountAndFeatureShapes() {
    try (Model model = SegmentationModels.newModel(SMALL, "m", null)) {
      DeepLabV3Plus b = SegmentationModels.block(model);
      // Keras MobileNetV2 (1.0, 224): 3,538,984 parameters, less the top conv (409,600 + its BN
      // 5,120), the classifier (1,281,000) and the other BNs' moving statistics (31,552).
      assertThat(SegmentationModels.parameterCount(b.backbone())).isEqualTo(1_811_712L);
      for (int os : new int[] {16, 8}) {
        Shape[] s =
            new MobileNetV2Backbone(os).getOutputShapes(new Shape[] {new Shape(2, 3, 64, 96)});
        assertThat(s[0]).isEqualTo(new Shape(2, 24, 16, 24));
        assertThat(s[1]).isEqualTo(new Shape(2, 320, 64 / os, 96 / os));
      }
    }
  }

  @Test
  void forwardShapesMatchAtBothOutputStridesInTrainingAndInference() {
    for (int os : new int[] {16, 8}) {
      ModelConfig c = new ModelConfig(Backbone.MOBILENETV2, os, 5, 16, 16, 8);
      try (Model model = SegmentationModels.newModel(c, "s", null)) {
        NDManager m = model.getNDManager();
        for (boolean training : new boolean[] {true, false}) {
          NDArray x = m.randomNormal(new Shape(2, 3, 72, 56));
          NDList out =
              model.getBlock().forward(new ParameterStore(m, false), new NDList(x), training);
          assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 5, 72, 56));
          assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 8, 18, 14));
          assertThat(out.get(2).getShape()).isEqualTo(new Shape(2, 5, 18, 14));
          assertThat(out.get(0).isNaN().any().getBoolean()).isFalse();
        }
      }
    }
  }

  @Test
  void inputIsRescaledFromImageNetNormalisationToKerasRange() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] gray = new float[3 * 4];
      float[] white = new float[3 * 4];
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < 4; i++) {
          gray[c * 4 + i] = (0.5f - ImageTensors.MEAN[c]) / ImageTensors.STD[c];
          white[c * 4 + i] = (1f - ImageTensors.MEAN[c]) / ImageTensors.STD[c];
        }
      }
      NDArray g = MobileNetV2Backbone.kerasInput(m.create(gray, new Shape(1, 3, 2, 2)));
      NDArray w = MobileNetV2Backbone.kerasInput(m.create(white, new Shape(1, 3, 2, 2)));
      assertThat(g.abs().max().getFloat()).isLessThan(1e-5f);
      assertThat(w.sub(1).abs().max().getFloat()).isLessThan(1e-5f);
    }
  }

  @Test
  void kerasNamedSafetensorsLandInTheRightParameters() throws Exception {
    try (NDManager m = NDManager.newBaseManager();
        Model model = SegmentationModels.newModel(SMALL, "k", null)) {
      Map<String, Shape> shapes = kerasMobileNetV2();
      Path file = PretrainedWeightsTest.write(m, shapes, "", dir.resolve("mnv2.safetensors"));
      ModelWeights.loadBackbone(model, file);
      MobileNetV2Backbone b = (MobileNetV2Backbone) SegmentationModels.block(model).backbone();
      assertThat(value(b.stemLayer().convolution().getParameters().get("weight")))
          .isEqualTo(PretrainedWeightsTest.code("Conv1/kernel", shapes));
      assertThat(value(b.stemLayer().batchNorm().getParameters().get("runningVar")))
          .isEqualTo(PretrainedWeightsTest.code("bn_Conv1/moving_variance", shapes));
      var block0 = b.blocks().get(0).layers();
      assertThat(block0).hasSize(2);
      assertThat(value(block0.get(0).convolution().getParameters().get("weight")))
          .isEqualTo(
              PretrainedWeightsTest.code("expanded_conv_depthwise/depthwise_kernel", shapes));
      var block13 = b.blocks().get(13).layers();
      assertThat(value(block13.get(0).batchNorm().getParameters().get("gamma")))
          .isEqualTo(PretrainedWeightsTest.code("block_13_expand_BN/gamma", shapes));
      assertThat(value(block13.get(1).convolution().getParameters().get("weight")))
          .isEqualTo(PretrainedWeightsTest.code("block_13_depthwise/depthwise_kernel", shapes));
      assertThat(value(block13.get(2).batchNorm().getParameters().get("runningMean")))
          .isEqualTo(PretrainedWeightsTest.code("block_13_project_BN/moving_mean", shapes));
      // every encoder parameter has a name, and the top conv in the file is ignored
      assertThat(PretrainedWeights.plan(b)).hasSize(b.getParameters().size());
      assertThat(PretrainedWeights.plan(b)).hasSize(shapes.size() - 5);
    }
  }

  @Test
  void resNetWeightsAreRefusedForAMobileNetAndTheEncoderIsUntouched() throws Exception {
    try (NDManager m = NDManager.newBaseManager();
        Model model = SegmentationModels.newModel(SMALL, "r", null)) {
      Path file =
          PretrainedWeightsTest.write(
              m, PretrainedWeightsTest.torchvisionResNet18(), "", dir.resolve("r18.safetensors"));
      MobileNetV2Backbone b = (MobileNetV2Backbone) SegmentationModels.block(model).backbone();
      NDArray before =
          b.stemLayer().convolution().getParameters().get("weight").getArray().duplicate();
      assertThatThrownBy(() -> ModelWeights.loadBackbone(model, file))
          .isInstanceOf(MalformedModelException.class)
          .hasMessageContaining("r18.safetensors")
          .hasMessageContaining("Conv1/kernel");
      assertThat(
              b.stemLayer()
                  .convolution()
                  .getParameters()
                  .get("weight")
                  .getArray()
                  .contentEquals(before))
          .isTrue();
    }
  }

  @Test
  void bundledImageNetWeightsFillEveryEncoderParameter() throws Exception {
    try (Model model = SegmentationModels.newModel(SMALL, "b", null)) {
      MobileNetV2Backbone b = (MobileNetV2Backbone) SegmentationModels.block(model).backbone();
      Map<Parameter, float[]> before = new java.util.HashMap<>();
      for (Parameter p : b.getParameters().values()) {
        before.put(p, value(p));
      }
      assertThat(PretrainedWeights.loadBundled(model)).isEqualTo(255);
      for (Parameter p : b.getParameters().values()) {
        assertThat(value(p)).as(p.getName()).isNotEqualTo(before.get(p));
        for (float v : value(p)) {
          assertThat(Float.isFinite(v)).as(p.getName()).isTrue();
        }
      }
      // trained statistics, not initial ones: BN variances differ from 1, means from 0
      float[] var = value(b.stemLayer().batchNorm().getParameters().get("runningVar"));
      assertThat(var).hasSize(32).doesNotContain(1f);
    }
    try (Model r18 =
        SegmentationModels.newModel(
            new ModelConfig(Backbone.RESNET18, 16, 3, 16, 16, 8), "r", null)) {
      assertThatThrownBy(() -> PretrainedWeights.loadBundled(r18))
          .isInstanceOf(MalformedModelException.class)
          .hasMessageContaining("only for mobilenetv2");
    }
  }

  @Test
  void gradientsReachEveryParameterAndSgdStepsLowerTheLoss() {
    DeepLabV3PlusTest.checkTrains(SMALL);
  }

  /** Keras MobileNetV2's layer names and (PyTorch-layout) shapes, written out independently. */
  static Map<String, Shape> kerasMobileNetV2() {
    Map<String, Shape> s = new LinkedHashMap<>();
    s.put("Conv1/kernel", new Shape(32, 3, 3, 3));
    kerasBn(s, "bn_Conv1", 32);
    s.put("expanded_conv_depthwise/depthwise_kernel", new Shape(32, 1, 3, 3));
    kerasBn(s, "expanded_conv_depthwise_BN", 32);
    s.put("expanded_conv_project/kernel", new Shape(16, 32, 1, 1));
    kerasBn(s, "expanded_conv_project_BN", 16);
    int[] out = {24, 24, 32, 32, 32, 64, 64, 64, 64, 96, 96, 96, 160, 160, 160, 320};
    int in = 16;
    for (int b = 1; b <= 16; b++) {
      String p = "block_" + b + "_";
      int hidden = in * 6;
      s.put(p + "expand/kernel", new Shape(hidden, in, 1, 1));
      kerasBn(s, p + "expand_BN", hidden);
      s.put(p + "depthwise/depthwise_kernel", new Shape(hidden, 1, 3, 3));
      kerasBn(s, p + "depthwise_BN", hidden);
      s.put(p + "project/kernel", new Shape(out[b - 1], hidden, 1, 1));
      kerasBn(s, p + "project_BN", out[b - 1]);
      in = out[b - 1];
    }
    s.put("Conv_1/kernel", new Shape(1280, 320, 1, 1));
    kerasBn(s, "Conv_1_bn", 1280);
    return s;
  }

  private static void kerasBn(Map<String, Shape> s, String p, int c) {
    for (String n : new String[] {"gamma", "beta", "moving_mean", "moving_variance"}) {
      s.put(p + "/" + n, new Shape(c));
    }
  }

  private static float[] value(Parameter p) {
    return p.getArray().toFloatArray();
  }
}
