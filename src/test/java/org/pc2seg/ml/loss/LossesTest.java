package org.pc2seg.ml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LossesTest {

  NDManager m;

  @BeforeEach
  void open() {
    m = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    m.close();
  }

  @Test
  void crossEntropyMatchesHandValueAndIgnores255() {
    // 1 image, K=3, 1×3 pixels: labels 2, 255, 0.
    NDArray logits = m.create(new float[] {1, 0, 5, 2, 0, 5, 3, 0, 5}, new Shape(1, 3, 1, 3));
    NDArray labels = m.create(new byte[] {2, (byte) 255, 0}, new Shape(1, 1, 3));
    double p0 = Math.log(1 + Math.exp(-1) + Math.exp(-2)); // −log softmax([1,2,3])[2]
    double p2 = Math.log(3); // −log softmax([5,5,5])[0]
    float ce = new MaskedCrossEntropyLoss().evaluate(logits, labels).getFloat();
    assertThat(ce).isCloseTo((float) ((p0 + p2) / 2), offset(1e-5f));
  }

  @Test
  void crossEntropyOfAnUnlabeledBatchIsZeroAndBadLabelsAreNamed() {
    NDArray logits = m.randomNormal(new Shape(1, 3, 2, 2));
    NDArray none = m.full(new Shape(1, 2, 2), 255, ai.djl.ndarray.types.DataType.INT32);
    assertThat(new MaskedCrossEntropyLoss().evaluate(logits, none).getFloat()).isZero();
    NDArray bad = m.create(new int[] {0, 1, 7, 255}, new Shape(1, 2, 2));
    assertThatThrownBy(() -> new MaskedCrossEntropyLoss().evaluate(logits, bad))
        .hasMessageContaining("mask value 7")
        .hasMessageContaining("0..2");
  }

  @Test
  void consistencyIsOneMinusCosineOfProbabilities() {
    // pixel 0: weak (.7,.2,.1) vs strong (.2,.7,.1); pixel 1: identical.
    NDArray weak = logOf(new float[] {.7f, .3f, .2f, .3f, .1f, .4f});
    NDArray strong = logOf(new float[] {.2f, .3f, .7f, .3f, .1f, .4f});
    double l0 = 1 - 0.29 / 0.54;
    float all = new ConsistencyLoss().evaluate(weak, strong, null).getFloat();
    assertThat(all).isCloseTo((float) (l0 / 2), offset(1e-5f));
    NDArray mask = m.create(new boolean[] {true, false}, new Shape(1, 1, 2));
    float masked = new ConsistencyLoss().evaluate(weak, strong, mask).getFloat();
    assertThat(masked).isCloseTo((float) l0, offset(1e-5f));
  }

  @Test
  void consistencyGradientReachesOnlyTheStrongBranch() {
    NDArray weak = m.randomNormal(new Shape(2, 3, 2, 2));
    NDArray strong = m.randomNormal(new Shape(2, 3, 2, 2));
    weak.setRequiresGradient(true);
    strong.setRequiresGradient(true);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray loss = new ConsistencyLoss().evaluate(weak, strong, null);
      gc.backward(loss);
    }
    assertThat(weak.getGradient().abs().sum().getFloat()).isZero();
    assertThat(strong.getGradient().abs().sum().getFloat()).isGreaterThan(1e-4f);
  }

  @Test
  void infoNceMatchesHandValue() {
    NDArray anchor = m.create(new float[] {3, 0}, new Shape(1, 2)); // not unit: normalised inside
    NDArray positive = m.create(new float[] {0.5f, (float) Math.sqrt(0.75)}, new Shape(1, 2));
    NDArray candidates = m.create(new float[] {0, 1, -2, 0}, new Shape(2, 2));
    NDArray idx = m.create(new long[] {0, 1}, new Shape(1, 2));
    PixelContrastiveLoss loss = new PixelContrastiveLoss(0.5f);
    // cos: positive 0.5, negatives 0 and −1; /τ → 1, 0, −2.
    double expected = -Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(0) + Math.exp(-2)));
    assertThat(loss.evaluate(anchor, positive, candidates, idx, null).getFloat())
        .isCloseTo((float) expected, offset(1e-5f));
    NDArray valid = m.create(new boolean[] {true, false}, new Shape(1, 2));
    double onlyFirst = -Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(0)));
    assertThat(loss.evaluate(anchor, positive, candidates, idx, valid).getFloat())
        .isCloseTo((float) onlyFirst, offset(1e-5f));
    assertThatThrownBy(() -> new PixelContrastiveLoss(0f)).hasMessageContaining("temperature");
  }

  /** 1×3×1×2 logits whose softmax over the 3 channels is the given probabilities. */
  private NDArray logOf(float[] channelMajorProbs) {
    return m.create(channelMajorProbs, new Shape(1, 3, 1, 2)).log();
  }
}
