package org.pc2seg.export.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.ml.model.DeepLabV3Plus;
import org.pc2seg.ml.model.ModelConfig;
import org.pc2seg.ml.model.SegmentationModels;
import org.pc2seg.project.LabelClass;

/**
 * Exports a DeepLabv3+ whose BatchNorm statistics were calibrated on sample images (and whose BN
 * affine parameters were perturbed, so no layer is an identity) and checks that ONNX Runtime
 * reproduces DJL's logits on sample images, including an odd input size.
 */
class DeepLabOnnxExporterTest {
  static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  static final float[] STD = {0.229f, 0.224f, 0.225f};

  @TempDir Path tmp;

  static Path sampleImage(int i) {
    return Path.of(System.getProperty("pc2seg.sample.dir", "sample-projects"))
        .resolve("shapes/images/img_" + String.format("%03d", i) + ".jpg");
  }

  /** CHW normalised floats of a crop of an image. */
  static float[] chw(BufferedImage img, int x0, int y0, int w, int h) {
    float[] d = new float[3 * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x0 + x, y0 + y);
        for (int c = 0; c < 3; c++) {
          int v = (rgb >> (16 - 8 * c)) & 0xFF;
          d[c * h * w + y * w + x] = (v / 255f - MEAN[c]) / STD[c];
        }
      }
    }
    return d;
  }

  @Test
  void onnxRuntimeReproducesTheDjlLogits() throws Exception {
    checkAgainstOnnxRuntime(ModelConfig.defaults(4), 4L * 13_000_000);
  }

  @Test
  void onnxRuntimeReproducesTheDjlLogitsWithAMobileNetEncoder() throws Exception {
    // depthwise convs, ReLU6, BN ε 1e-3, inverted residuals and the input rescaling
    checkAgainstOnnxRuntime(
        new ModelConfig(org.pc2seg.ml.model.Backbone.MOBILENETV2, 16, 4, 128, 128, 64),
        4L * 3_000_000);
  }

  private void checkAgainstOnnxRuntime(ModelConfig cfg, long minBytes) throws Exception {
    List<LabelClass> classes =
        List.of(
            new LabelClass(0, "background", "#000000"),
            new LabelClass(1, "stripes", "#e6194b"),
            new LabelClass(2, "checker", "#3cb44b"),
            new LabelClass(3, "dots", "#4363d8"));
    try (Model model = SegmentationModels.newModel(cfg, "onnx-test", null)) {
      DeepLabV3Plus block = SegmentationModels.block(model);
      NDManager manager = model.getNDManager();
      ParameterStore ps = new ParameterStore(manager, false);
      int s = 128;
      float[] batch = new float[2 * 3 * s * s];
      for (int i = 0; i < 2; i++) {
        float[] one = chw(ImageLoader.readRgb(sampleImage(10 + i)), 0, 0, s, s);
        System.arraycopy(one, 0, batch, i * one.length, one.length);
      }
      // Calibrate BatchNorm running statistics with training-mode forward passes.
      for (int it = 0; it < 5; it++) {
        try (NDManager sm = manager.newSubManager()) {
          block.forward(ps, new NDList(sm.create(batch, new Shape(2, 3, s, s))), true);
        }
      }
      Random rnd = new Random(1);
      for (Parameter p : block.getParameters().values()) {
        if (p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA) {
          NDArray a = p.getArray();
          float[] v = a.toFloatArray();
          for (int i = 0; i < v.length; i++) {
            v[i] += (float) (0.1 * rnd.nextGaussian());
          }
          a.set(v);
        }
      }

      Path onnx = tmp.resolve("model.onnx");
      DeepLabOnnxExporter.builder()
          .setBlock(block)
          .setClasses(classes)
          .optNormalization(MEAN, STD)
          .optInputSize(s, s)
          .build()
          .write(onnx);
      assertThat(Files.size(onnx)).isGreaterThan(minBytes);

      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try (OrtSession session =
          env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
        Map<String, String> meta = session.getMetadata().getCustomMetadata();
        assertThat(meta.get("pc2seg.classes")).contains("stripes").contains("#4363d8");
        assertThat(meta.get("pc2seg.normalization")).contains("0.485");
        assertThat(meta.get("pc2seg.input_size")).isEqualTo("128x128");
        assertThat(session.getInputNames()).containsExactly("input");

        int[][] crops = {{0, 0, 160, 160}, {0, 0, 160, 160}, {11, 7, 131, 97}};
        long agree = 0;
        long total = 0;
        double maxDiff = 0;
        double maxAbs = 0;
        for (int k = 0; k < crops.length; k++) {
          int[] c = crops[k];
          float[] x = chw(ImageLoader.readRgb(sampleImage(40 + k)), c[0], c[1], c[2], c[3]);
          float[] djl;
          try (NDManager sm = manager.newSubManager()) {
            NDArray in = sm.create(x, new Shape(1, 3, c[3], c[2]));
            djl = block.forward(ps, new NDList(in), false).get(0).toFloatArray();
          }
          float[] ort;
          try (OnnxTensor t =
                  OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 3, c[3], c[2]});
              OrtSession.Result r = session.run(Map.of("input", t))) {
            OnnxTensor logits = (OnnxTensor) r.get("logits").orElseThrow();
            assertThat(logits.getInfo().getShape()).containsExactly(1, 4, c[3], c[2]);
            FloatBuffer fb = logits.getFloatBuffer();
            ort = new float[fb.remaining()];
            fb.get(ort);
            OnnxTensor probs = (OnnxTensor) r.get("probabilities").orElseThrow();
            FloatBuffer pb = probs.getFloatBuffer();
            double sum = 0;
            for (int ch = 0; ch < 4; ch++) {
              sum += pb.get(ch * c[2] * c[3]);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
          }
          assertThat(ort).hasSameSizeAs(djl);
          int n = c[2] * c[3];
          for (int i = 0; i < djl.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(djl[i] - ort[i]));
            maxAbs = Math.max(maxAbs, Math.abs(djl[i]));
          }
          for (int i = 0; i < n; i++) {
            agree += argmax(djl, i, n, 4) == argmax(ort, i, n, 4) ? 1 : 0;
            total++;
          }
        }
        System.out.printf(
            Locale.ROOT,
            "ONNX vs DJL: max |diff| %.2e (max |logit| %.2f), argmax agreement %.5f%n",
            maxDiff,
            maxAbs,
            agree / (double) total);
        assertThat(maxAbs).as("logits are not trivially zero").isGreaterThan(0.1);
        assertThat(maxDiff).isLessThan(1e-3);
        assertThat(agree / (double) total).isGreaterThanOrEqualTo(0.999);
      }
    }
  }

  static int argmax(float[] chw, int pixel, int n, int k) {
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (chw[c * n + pixel] > chw[best * n + pixel]) {
        best = c;
      }
    }
    return best;
  }
}
