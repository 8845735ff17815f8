package org.pc2seg.export.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.active.ActiveRanker;
import org.pc2seg.active.PredictorProbabilitySource;
import org.pc2seg.active.RankedImage;
import org.pc2seg.cli.CliRun;
import org.pc2seg.ml.infer.Predictor;
import org.pc2seg.ml.model.Backbone;
import org.pc2seg.ml.model.ModelConfig;
import org.pc2seg.ml.model.ModelWeights;
import org.pc2seg.ml.model.SegmentationModels;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;

/** {@code export model --model RUN --format onnx|native} on a small run folder made here. */
class ModelExportCliTest {
  @TempDir Path tmp;

  private static final String CLASSES =
      "[{\"id\":0,\"name\":\"background\",\"color\":\"#000000\"},"
          + "{\"id\":1,\"name\":\"stripes\",\"color\":\"#e6194b\"},"
          + "{\"id\":2,\"name\":\"checker\",\"color\":\"#3cb44b\"}]";

  @Test
  void exportsOnnxAndNativeFromARunFolder() throws Exception {
    ModelConfig cfg = new ModelConfig(Backbone.RESNET18, 16, 3, 32, 32, 16);
    Path run = tmp.resolve("run-1");
    Files.createDirectories(run);
    float[] x = new float[3 * 64 * 96];
    Random rnd = new Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    float[] expected;
    try (Model model = SegmentationModels.newModel(cfg, "m", null)) {
      ModelWeights.saveFull(model, run.resolve("model.params"));
      ModelWeights.saveFull(model, run.resolve("best.params"));
      try (NDManager sm = model.getNDManager().newSubManager()) {
        expected =
            SegmentationModels.block(model)
                .forward(
                    new ParameterStore(sm, false),
                    new NDList(sm.create(x, new Shape(1, 3, 64, 96))),
                    false)
                .get(0)
                .toFloatArray();
      }
    }
    Files.writeString(
        run.resolve("config.json"),
        "{\"backbone\":\"resnet18\",\"outputStride\":16,\"width\":32,\"projectionDim\":16,"
            + "\"crop\":64,\"resizeLongSide\":1024}");
    Files.writeString(run.resolve("classes.json"), CLASSES);

    Path onnx = tmp.resolve("out/model.onnx");
    CliRun r =
        CliRun.run(
            "export",
            "model",
            "--model",
            run.toString(),
            "--format",
            "onnx",
            "--out",
            onnx.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("as ONNX");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
        OnnxTensor t =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 3, 64, 96});
        OrtSession.Result res = s.run(Map.of("input", t))) {
      assertThat(s.getMetadata().getCustomMetadata().get("pc2seg.input_size")).isEqualTo("64x64");
      assertThat(s.getMetadata().getCustomMetadata().get("pc2seg.run")).isEqualTo("run-1");
      assertThat(s.getMetadata().getCustomMetadata().get("pc2seg.max_side")).isEqualTo("1024");
      FloatBuffer fb = ((OnnxTensor) res.get("logits").orElseThrow()).getFloatBuffer();
      float[] got = new float[fb.remaining()];
      fb.get(got);
      assertThat(got).hasSameSizeAs(expected);
      for (int i = 0; i < got.length; i++) {
        assertThat(Math.abs(got[i] - expected[i])).isLessThan(1e-3f);
      }
    }
    // existing file: refused without --overwrite
    r =
        CliRun.run(
            "export",
            "model",
            "--model",
            run.toString(),
            "--format",
            "onnx",
            "--out",
            onnx.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("already exists").contains("--overwrite");

    Path copy = tmp.resolve("exported-run");
    r =
        CliRun.run(
            "export",
            "model",
            "--model",
            run.toString(),
            "--format",
            "native",
            "--out",
            copy.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(copy.resolve("best.params")).hasSameBinaryContentAs(run.resolve("best.params"));
    assertThat(copy.resolve("classes.json")).hasContent(CLASSES);
    RunFolder back = RunFolder.read(copy);
    assertThat(back.config()).isEqualTo(cfg);
    assertThat(back.classes()).hasSize(3);
    try (Model m2 = SegmentationModels.newModel(cfg, "m2", null)) {
      ModelWeights.loadFull(m2, back.weights());
    }
    // the engine's own loader (used by the app and the CLI) re-imports the exported folder,
    // and the active-learning ranker runs on top of it
    Project project =
        ProjectStore.open(
            Path.of(System.getProperty("pc2seg.sample.dir", "sample-projects")).resolve("shapes"));
    try (Predictor predictor = Predictor.load(copy)) {
      List<ImageItem> pool = project.unlabeledPool().subList(0, 3);
      List<RankedImage> ranking =
          ActiveRanker.builder()
              .setSource(new PredictorProbabilitySource(project, predictor))
              .build()
              .rank(project, pool, (d, t) -> {}, new CancelToken());
      assertThat(ranking).hasSize(3);
      assertThat(ranking).allSatisfy(ri -> assertThat(ri.uncertainty()).isBetween(0.0, 1.0));
      assertThat(ranking.get(0).uncertainty()).isGreaterThanOrEqualTo(ranking.get(2).uncertainty());
    }
    r =
        CliRun.run(
            "export",
            "model",
            "--model",
            run.toString(),
            "--format",
            "native",
            "--out",
            copy.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not empty");
    r =
        CliRun.run(
            "export",
            "model",
            "--model",
            tmp.resolve("nope").toString(),
            "--format",
            "native",
            "--out",
            copy.toString());
    assertThat(r.err()).contains("no such model folder");
  }
}
