package org.pc2seg.gui.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.export.ExportListener;
import org.pc2seg.export.MaskExporter;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.Project;
import org.pc2seg.sample.SampleProjectGenerator;
import org.pc2seg.sample.SampleSpec;

/** What File → Export runs. */
class ExportRequestTest {
  @Test
  void exportsLabeledMasksAndRefusesAModelWhenThereIsNone(@TempDir Path tmp) throws Exception {
    Project p =
        SampleProjectGenerator.generate(tmp.resolve("p"), "p", new SampleSpec(3, 64, 6, 2, 2));
    Path out = tmp.resolve("out");
    String msg =
        new ExportRequest(ExportRequest.What.MASKS, MaskExporter.Format.INDEX, out, false)
            .run(p, ExportListener.NONE, new CancelToken());
    assertThat(msg).startsWith("Exported 4 images (index)");
    try (var s = Files.list(out)) {
      assertThat(s.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(4);
    }
    assertThatThrownBy(
            () ->
                new ExportRequest(ExportRequest.What.MODEL_ONNX, null, tmp.resolve("m.onnx"), false)
                    .run(p, ExportListener.NONE, new CancelToken()))
        .hasMessageContaining("no active model");
  }
}
