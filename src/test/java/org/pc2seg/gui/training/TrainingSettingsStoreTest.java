package org.pc2seg.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.ml.sampling.SamplingScheme;

class TrainingSettingsStoreTest {
  @TempDir Path tmp;

  private final TrainingSettings preset = TrainingSettings.cpuPreset();

  private TrainingSettingsStore store() {
    return new TrainingSettingsStore(tmp.resolve("data/training-settings.json"));
  }

  @Test
  void confirmedSettingsComeBackInTheNextSession() {
    TrainingSettings chosen =
        new TrainingSettings(
            "supervised",
            SamplingScheme.UNIFORM,
            0.5,
            1234,
            6,
            2,
            192,
            800,
            "resnet34",
            0.0005,
            1,
            "auto",
            100,
            200,
            7);
    store().save(chosen);
    assertThat(store().load(preset)).isEqualTo(chosen);
  }

  @Test
  void withoutAFileTheFallbackIsUsed() {
    assertThat(store().load(preset)).isEqualTo(preset);
  }

  @Test
  void aSettingTheFileLacksTakesTheFallbacksValue() throws Exception {
    Files.createDirectories(store().file().getParent());
    Files.writeString(store().file(), "{\"steps\": 900, \"sampling\": \"DEBIASED\"}");
    TrainingSettings s = store().load(preset);
    assertThat(s.steps()).isEqualTo(900);
    assertThat(s.sampling()).isEqualTo(SamplingScheme.DEBIASED);
    assertThat(s.backbone()).isEqualTo(preset.backbone());
    assertThat(s.crop()).isEqualTo(preset.crop());
    assertThat(s.cutMix()).isEqualTo(preset.cutMix()); // files from before the setting existed
  }

  @Test
  void aDamagedOrInvalidFileGivesTheFallback() throws Exception {
    Files.createDirectories(store().file().getParent());
    for (String bad :
        new String[] {
          "{\"steps\": 9", // cut off mid-write by a crash of an old version
          "[1, 2]",
          "{\"steps\": \"many\"}",
          "{\"sampling\": \"NO_SUCH_SCHEME\"}",
          "{\"crop\": 100}", // not a multiple of 16
          "{\"backbone\": \"vgg16\"}"
        }) {
      Files.writeString(store().file(), bad);
      assertThat(store().load(preset)).as(bad).isEqualTo(preset);
    }
  }
}
