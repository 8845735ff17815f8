package org.pc2seg.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pc2seg.ml.sampling.SamplingScheme;

class TrainConfigTest {
  @Test
  void jsonRoundTripKeepsEveryKnob() {
    TrainConfig c =
        TrainConfig.builder()
            .optMethod(Method.SUPERVISED)
            .optSampling(SamplingScheme.UNIFORM)
            .optSteps(123)
            .optSeed(99)
            .optLambdaContrastive(0.3)
            .optTemperature(0.2)
            .optCrop(96)
            .optLabeledCandidates(256)
            .optUnlabeledBatchNorm(UnlabeledBatchNorm.SEPARATE)
            .optDevice(DeviceChoice.CPU)
            .build();
    TrainConfig back = TrainConfig.fromJson(c.toJson());
    assertThat(back.toJson()).isEqualTo(c.toJson());
    assertThat(back.method()).isEqualTo(Method.SUPERVISED);
    assertThat(back.sampling()).isEqualTo(SamplingScheme.UNIFORM);
    assertThat(back.steps()).isEqualTo(123);
    assertThat(back.seed()).isEqualTo(99);
    assertThat(back.temperature()).isEqualTo(0.2);
    assertThat(back.labeledCandidates()).isEqualTo(256);
    assertThat(back.unlabeledBatchNorm()).isEqualTo(UnlabeledBatchNorm.SEPARATE);
    assertThat(back.augment()).isEqualTo(c.augment());
  }

  @Test
  void batchNormIsAutoByDefaultSharedInOldConfigsAndRoundTrips() {
    assertThat(TrainConfig.defaults().unlabeledBatchNorm()).isEqualTo(UnlabeledBatchNorm.AUTO);
    // a config.json written before the setting existed was trained shared
    assertThat(TrainConfig.fromJson("{\"steps\": 7}").unlabeledBatchNorm())
        .isEqualTo(UnlabeledBatchNorm.SHARED);
    for (UnlabeledBatchNorm m : UnlabeledBatchNorm.values()) {
      TrainConfig c = TrainConfig.builder().optUnlabeledBatchNorm(m).build();
      assertThat(TrainConfig.fromJson(c.toJson()).unlabeledBatchNorm()).isEqualTo(m);
      assertThat(c.copy().unlabeledBatchNorm()).isEqualTo(m);
    }
    assertThat(UnlabeledBatchNorm.parse(" Separate ")).isEqualTo(UnlabeledBatchNorm.SEPARATE);
    assertThat(UnlabeledBatchNorm.parse("AUTO")).isEqualTo(UnlabeledBatchNorm.AUTO);
    assertThatThrownBy(() -> UnlabeledBatchNorm.parse("both")).hasMessageContaining("separate");
  }

  @Test
  void autoBatchNormIsSharedBelowTwelveLabeledImagesAndSeparateFromThere() {
    int from = UnlabeledBatchNorm.SEPARATE_FROM;
    assertThat(from).isEqualTo(12);
    assertThat(UnlabeledBatchNorm.AUTO.resolve(1)).isEqualTo(UnlabeledBatchNorm.SHARED);
    assertThat(UnlabeledBatchNorm.AUTO.resolve(from - 1)).isEqualTo(UnlabeledBatchNorm.SHARED);
    assertThat(UnlabeledBatchNorm.AUTO.resolve(from)).isEqualTo(UnlabeledBatchNorm.SEPARATE);
    assertThat(UnlabeledBatchNorm.AUTO.resolve(500)).isEqualTo(UnlabeledBatchNorm.SEPARATE);
    // the explicit modes mean themselves whatever the labeled set
    assertThat(UnlabeledBatchNorm.SHARED.resolve(500)).isEqualTo(UnlabeledBatchNorm.SHARED);
    assertThat(UnlabeledBatchNorm.SEPARATE.resolve(1)).isEqualTo(UnlabeledBatchNorm.SEPARATE);
  }

  @Test
  void missingFieldsKeepDefaultsAndBadValuesAreNamed() {
    TrainConfig c = TrainConfig.fromJson("{\"steps\": 7}");
    assertThat(c.steps()).isEqualTo(7);
    assertThat(c.sampling()).isEqualTo(SamplingScheme.DIFF_IMAGE_DEBIASED);
    assertThat(c.gradClip()).isEqualTo(1.0);
    assertThatThrownBy(() -> TrainConfig.builder().optCrop(100).build())
        .hasMessageContaining("crop");
    assertThatThrownBy(() -> TrainConfig.fromJson("{\"temperature\": 0}"))
        .hasMessageContaining("temperature");
    assertThatThrownBy(
            () -> TrainConfig.builder().optBackbone("resnet50").optInitWeights("imagenet").build())
        .hasMessageContaining("resnet50")
        .hasMessageContaining("only for mobilenetv2");
    assertThat(
            TrainConfig.builder()
                .optBackbone("mobilenetv2")
                .optInitWeights("imagenet")
                .build()
                .initWeights())
        .isEqualTo("imagenet");
  }

  @Test
  void confusionMatrixGivesIouPerClass() {
    ConfusionMatrix cm = new ConfusionMatrix(3);
    byte[] truth = {0, 0, 1, 1, (byte) 255, 2};
    int[] pred = {0, 1, 1, 1, 2, 0};
    cm.add(truth, pred);
    ValidationMetrics m = cm.metrics(5);
    // class 0: tp 1, fp 1 (pixel 5), fn 1 -> 1/3; class 1: tp 2, fp 1 -> 2/3; class 2: tp 0 -> 0
    assertThat(m.perClassIou()[0]).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.perClassIou()[1]).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.perClassIou()[2]).isEqualTo(0.0);
    assertThat(m.miou()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.pixelAccuracy()).isCloseTo(3 / 5.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.step()).isEqualTo(5);
  }
}
