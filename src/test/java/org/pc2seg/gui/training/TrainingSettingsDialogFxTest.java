package org.pc2seg.gui.training;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The training settings dialog: presets, the sampler's hint, and refusal of invalid values. */
@ExtendWith(ApplicationExtension.class)
class TrainingSettingsDialogFxTest {
  TrainingSettingsDialog dialog;

  @Start
  void start(Stage stage) {
    dialog = new TrainingSettingsDialog(TrainingSettings.cpuPreset());
    dialog.show();
  }

  @AfterEach
  void tearDown() throws Exception {
    FxToolkit.setupFixture(() -> dialog.close());
  }

  @SuppressWarnings("unchecked")
  private ComboBox<SamplingScheme> sampling(FxRobot robot) {
    return (ComboBox<SamplingScheme>) robot.lookup("#sampling").queryAs(ComboBox.class);
  }

  @Test
  void theHintDescribesTheChosenSampler(FxRobot robot) throws Exception {
    Label hint = robot.lookup("#sampling-hint").queryAs(Label.class);
    assertThat(hint.getText()).isEqualTo(SamplingScheme.DIFF_IMAGE_DEBIASED.description());
    assertThat(hint.getText()).contains("paper's default");
    FxToolkit.setupFixture(() -> sampling(robot).setValue(SamplingScheme.DEBIASED));
    assertThat(hint.getText()).isEqualTo(SamplingScheme.DEBIASED.description());
    assertThat(hint.getText()).contains("own image");
  }

  @Test
  void supervisedTrainingDisablesTheSamplerChoice(FxRobot robot) throws Exception {
    @SuppressWarnings("unchecked")
    ComboBox<String> method = robot.lookup("#method").queryAs(ComboBox.class);
    TextField cutMix = robot.lookup("#cutmix").queryAs(TextField.class);
    assertThat(sampling(robot).isDisabled()).isFalse();
    FxToolkit.setupFixture(() -> method.setValue("supervised"));
    assertThat(sampling(robot).isDisabled()).isTrue();
    assertThat(cutMix.isDisabled()).isTrue();
    FxToolkit.setupFixture(() -> method.setValue("pc2seg"));
    assertThat(sampling(robot).isDisabled()).isFalse();
    assertThat(cutMix.isDisabled()).isFalse();
  }

  @Test
  void theCutMixProbabilityIsReadAndOneOutsideZeroToOneIsRefused(FxRobot robot) throws Exception {
    TextField cutMix = robot.lookup("#cutmix").queryAs(TextField.class);
    assertThat(cutMix.getText()).isEqualTo(String.valueOf(TrainingSettings.DEFAULT_CUTMIX));
    FxToolkit.setupFixture(() -> cutMix.setText("0.25"));
    assertThat(dialog.read().cutMix()).isEqualTo(0.25);
    assertThat(dialog.problems()).isEmpty();
    FxToolkit.setupFixture(() -> cutMix.setText("2"));
    assertThat(dialog.problems())
        .containsExactly("CutMix probability must be between 0 and 1 (was 2.0)");
    FxToolkit.setupFixture(() -> cutMix.setText("often"));
    assertThat(dialog.problems())
        .containsExactly("CutMix probability must be a number, not 'often'");
  }

  @Test
  void theGpuPresetFillsTheForm(FxRobot robot) {
    robot.clickOn("#gpu-preset");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#steps").queryAs(TextField.class).getText()).isEqualTo("4000");
    assertThat(robot.lookup("#crop").queryAs(TextField.class).getText()).isEqualTo("320");
    assertThat(dialog.read()).isEqualTo(TrainingSettings.gpuPreset());
  }

  @Test
  void theBackboneChoiceIsRead(FxRobot robot) {
    @SuppressWarnings("unchecked")
    javafx.scene.control.ComboBox<String> box =
        robot.lookup("#backbone").queryAs(javafx.scene.control.ComboBox.class);
    assertThat(box.getItems())
        .containsExactly("resnet18", "resnet34", "resnet50", "resnet101", "mobilenetv2");
    assertThat(box.getValue()).isEqualTo(TrainingSettings.cpuPreset().backbone());
    robot.interact(() -> box.setValue("resnet101"));
    assertThat(dialog.read().backbone()).isEqualTo("resnet101");
    assertThat(dialog.problems()).isEmpty();
  }

  @Test
  void okIsRefusedWithTheSettingNamedWhileAValueIsNotANumber(FxRobot robot) throws Exception {
    TextField steps = robot.lookup("#steps").queryAs(TextField.class);
    FxToolkit.setupFixture(() -> steps.setText("many"));
    assertThat(dialog.problems()).anySatisfy(p -> assertThat(p).contains("steps"));
    Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
    FxToolkit.setupFixture(ok::fire);
    assertThat(dialog.isShowing()).isTrue();
    assertThat(robot.lookup("#settings-error").queryAs(Label.class).getText()).contains("steps");
    FxToolkit.setupFixture(() -> steps.setText("300"));
    assertThat(dialog.problems()).isEmpty();
  }
}
