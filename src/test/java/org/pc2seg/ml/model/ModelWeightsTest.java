package org.pc2seg.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWeightsTest {

  static final ModelConfig SMALL = new ModelConfig(Backbone.RESNET18, 16, 4, 16, 16, 8);

  @TempDir Path dir;

  @Test
  void fullWeightsSavedByDjlReproduceOutputsExactly() throws Exception {
    Engine.getInstance().setRandomSeed(1);
    try (Model a = SegmentationModels.newModel(SMALL, "a", null);
        NDManager m = NDManager.newBaseManager()) {
      a.save(dir, "a");
      Path file;
      try (Stream<Path> s = Files.list(dir)) {
        file = s.filter(p -> p.toString().endsWith(".params")).findFirst().orElseThrow();
      }
      Engine.getInstance().setRandomSeed(2);
      try (Model b = SegmentationModels.newModel(SMALL, "b", null)) {
        NDArray x = m.randomNormal(new Shape(1, 3, 32, 32));
        assertThat(maxDiff(a, b, x, m)).isGreaterThan(1e-3f);
        ModelWeights.loadFull(b, file);
        assertThat(maxDiff(a, b, x, m)).isZero();
      }
    }
  }

  @Test
  void backboneLoadsFromAModelWithOtherHeadsAndFromABackboneFile() throws Exception {
    Engine.getInstance().setRandomSeed(3);
    ModelConfig other = new ModelConfig(Backbone.RESNET18, 8, 7, 24, 20, 4);
    try (Model a = SegmentationModels.newModel(other, "a", null)) {
      Path full = dir.resolve("a.params");
      Path bb = dir.resolve("a-backbone.params");
      ModelWeights.saveFull(a, full);
      ModelWeights.saveBackbone(a, bb);
      for (Path file : new Path[] {full, bb}) {
        try (Model c = SegmentationModels.newModel(SMALL, "c", null)) {
          NDArray headBefore = firstHeadWeight(c).duplicate();
          ModelWeights.loadBackbone(c, file);
          var pa = SegmentationModels.block(a).backbone().getParameters();
          var pc = SegmentationModels.block(c).backbone().getParameters();
          for (int i = 0; i < pa.size(); i++) {
            assertThat(pc.valueAt(i).getArray().contentEquals(pa.valueAt(i).getArray())).isTrue();
          }
          assertThat(firstHeadWeight(c).contentEquals(headBefore)).isTrue();
        }
      }
      assertThatThrownBy(
              () -> {
                try (Model c = SegmentationModels.newModel(SMALL, "c", null)) {
                  ModelWeights.loadFull(c, bb);
                }
              })
          .isInstanceOf(MalformedModelException.class)
          .hasMessageContaining("only backbone");
    }
  }

  @Test
  void anotherArchitectureIsRefusedNamingTheFile() throws Exception {
    try (Model a = SegmentationModels.newModel(SMALL, "a", null)) {
      Path full = dir.resolve("r18.params");
      ModelWeights.saveFull(a, full);
      ModelConfig r34 = new ModelConfig(Backbone.RESNET34, 16, 4, 16, 16, 8);
      try (Model c = SegmentationModels.newModel(r34, "c", null)) {
        assertThatThrownBy(() -> ModelWeights.loadFull(c, full))
            .isInstanceOf(MalformedModelException.class)
            .hasMessageContaining("r18.params");
      }
      Path junk = dir.resolve("junk.params");
      Files.writeString(junk, "not weights");
      assertThatThrownBy(() -> ModelWeights.loadFull(a, junk)).hasMessageContaining("junk.params");
      assertThatThrownBy(() -> ModelWeights.loadFull(a, dir.resolve("missing.params")))
          .hasMessageContaining("missing.params");
    }
  }

  private static NDArray firstHeadWeight(Model model) {
    var params = SegmentationModels.block(model).getParameters();
    for (var p : params) {
      if (p.getKey().contains("classifier")) {
        return p.getValue().getArray();
      }
    }
    throw new AssertionError("no classifier parameter");
  }

  private static float maxDiff(Model a, Model b, NDArray x, NDManager m) {
    NDList ya = a.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
    NDList yb = b.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
    return ya.get(0).sub(yb.get(0)).abs().max().getFloat();
  }
}
