package org.pc2seg.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;
import org.pc2seg.ml.loss.MaskedCrossEntropyLoss;

class DeepLabV3PlusTest {

  @Test
  void referenceConfigHasAbout13point5MillionParameters() {
    try (Model model = SegmentationModels.newModel(ModelConfig.defaults(5), "ref", null)) {
      long n = SegmentationModels.parameterCount(model.getBlock());
      // ResNet-18 conv body 11.17 M + ASPP 1.98 M + decoder 0.36 M + heads.
      assertThat(n).isBetween(13_400_000L, 13_600_000L);
    }
  }

  @Test
  void outputShapesAtStride16() {
    checkShapes(16, 2, 72, 56, true);
  }

  @Test
  void outputShapesAtStride8InInferenceMode() {
    checkShapes(8, 1, 64, 64, false);
  }

  @Test
  void projectionIsUnitLengthOverChannels() {
    ModelConfig c = new ModelConfig(Backbone.RESNET18, 16, 3, 32, 32, 8);
    try (Model model = SegmentationModels.newModel(c, "p", null);
        NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
      NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
      NDArray norms = out.get(1).square().sum(new int[] {1}).sqrt();
      assertThat(norms.sub(1).abs().max().getFloat()).isLessThan(1e-4f);
    }
  }

  @Test
  void bottleneckBackboneBuildsWithWiderFeatures() {
    ModelConfig c = new ModelConfig(Backbone.RESNET50, 16, 4, 32, 32, 16);
    try (Model model = SegmentationModels.newModel(c, "r50", null)) {
      long n = SegmentationModels.parameterCount(model.getBlock());
      // ResNet-50 conv body alone is 23.5 M parameters.
      assertThat(n).isBetween(23_500_000L, 26_000_000L);
      DeepLabV3Plus b = SegmentationModels.block(model);
      Shape[] s = b.backbone().getOutputShapes(new Shape[] {new Shape(1, 3, 64, 64)});
      assertThat(s[0]).isEqualTo(new Shape(1, 256, 16, 16));
      assertThat(s[1]).isEqualTo(new Shape(1, 2048, 4, 4));
    }
  }

  @Test
  void gradientsReachEveryParameterAndSgdStepsLowerTheLoss() {
    checkTrains(new ModelConfig(Backbone.RESNET18, 16, 3, 16, 16, 8));
  }

  /** Every trainable parameter gets a finite, non-zero gradient, and 8 SGD steps cut the loss. */
  static void checkTrains(ModelConfig c) {
    ai.djl.engine.Engine.getInstance().setRandomSeed(5);
    MaskedCrossEntropyLoss ce = new MaskedCrossEntropyLoss();
    try (Model model = SegmentationModels.newModel(c, "g", null);
        Trainer trainer =
            model.newTrainer(
                new DefaultTrainingConfig(ce)
                    .optOptimizer(
                        Optimizer.sgd()
                            .setLearningRateTracker(Tracker.fixed(0.05f))
                            .optMomentum(0.9f)
                            .build()))) {
      NDManager m = trainer.getManager();
      NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
      // left half class 1, right half class 2, one row unlabeled
      NDArray y = m.zeros(new Shape(2, 32, 32), DataType.INT32);
      y.set(new NDIndex(":, :, 0:16"), 1);
      y.set(new NDIndex(":, :, 16:"), 2);
      y.set(new NDIndex(":, 0, :"), 255);
      float first = 0;
      float last = 0;
      for (int step = 0; step < 8; step++) {
        try (GradientCollector gc = trainer.newGradientCollector()) {
          NDList out = trainer.forward(new NDList(x));
          // a tiny term on z so that the projection head gets a gradient too
          NDArray loss = ce.evaluate(out.get(0), y).add(out.get(1).get(":, 0").mean().mul(0.01f));
          gc.backward(loss);
          if (step == 0) {
            first = loss.getFloat();
            for (var p : model.getBlock().getParameters()) {
              if (p.getValue().requiresGradient()) {
                NDArray g = p.getValue().getArray().getGradient();
                assertThat(g.isNaN().any().getBoolean()).as(p.getKey()).isFalse();
                assertThat(g.abs().sum().getFloat()).as(p.getKey()).isPositive();
              }
            }
          }
          last = loss.getFloat();
        }
        trainer.step();
      }
      assertThat(last).isLessThan(first * 0.7f);
    }
  }

  @Test
  void invalidSettingsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> DeepLabV3Plus.builder().setNumClasses(1).build())
        .hasMessageContaining("number of classes");
    assertThatThrownBy(() -> DeepLabV3Plus.builder().setNumClasses(3).optOutputStride(32).build())
        .hasMessageContaining("output stride");
    assertThat(Backbone.parse("ResNet-34")).isEqualTo(Backbone.RESNET34);
  }

  private static void checkShapes(int os, int batch, int h, int w, boolean training) {
    DeepLabV3Plus block =
        DeepLabV3Plus.builder()
            .setNumClasses(5)
            .optBackbone(Backbone.RESNET18)
            .optOutputStride(os)
            .optAsppChannels(32)
            .optDecoderChannels(32)
            .optProjectionDim(16)
            .build();
    try (Model model = Model.newInstance("shapes")) {
      model.setBlock(block);
      NDManager m = model.getNDManager();
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
      NDArray x = m.randomNormal(new Shape(batch, 3, h, w));
      NDList out = block.forward(new ParameterStore(m, false), new NDList(x), training);
      Shape[] expected = block.getOutputShapes(new Shape[] {x.getShape()});
      assertThat(out.get(0).getShape()).isEqualTo(new Shape(batch, 5, h, w));
      assertThat(out.get(1).getShape()).isEqualTo(new Shape(batch, 16, h / 4, w / 4));
      assertThat(out.get(2).getShape()).isEqualTo(new Shape(batch, 5, h / 4, w / 4));
      for (int i = 0; i < 3; i++) {
        assertThat(out.get(i).getShape()).isEqualTo(expected[i]);
      }
      assertThat(out.get(0).isNaN().any().getBoolean()).isFalse();
    }
  }
}
