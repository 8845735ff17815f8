package org.pc2seg.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.pc2seg.edit.MaskEditSession;
import org.pc2seg.edit.MaskPainter;
import org.pc2seg.edit.StrokeJournal;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * A project left by a killed session (journal of unsaved strokes) and with one corrupt mask: the
 * strokes come back with a message, the corrupt image is read-only, the others stay editable.
 */
class RecoveryFxTest extends WorkspaceFxTestBase {
  private IndexMask expected;

  @Start
  void start(Stage stage) throws Exception {
    startWindow(stage);
  }

  @Override
  void beforeOpen(Path dir) throws Exception {
    Project p = ProjectStore.open(dir);
    Files.writeString(p.maskFile(p.items().get(0)), "garbage, not a PNG");
    ImageItem item = p.items().get(6);
    MaskEditSession s = new MaskEditSession(IndexMask.blank(item.width(), item.height()));
    StrokeJournal j = new StrokeJournal(p.root());
    s.setSink(j.sinkFor(item.stem(), item.width(), item.height()));
    s.beginStroke("Brush");
    MaskPainter.line(s, 10, 10, 150, 150, 9, 3);
    s.endStroke();
    j.close();
    expected = s.mask().copy();
  }

  @Test
  void recoversStrokesAndIsolatesCorruptMask(FxRobot robot) throws Exception {
    ImageItem broken = item(0);
    waitShown(broken);
    assertThat(broken.status()).isEqualTo(ImageStatus.BROKEN);
    assertThat(viewer().image().editable()).isFalse();
    assertThat(ws().messageProperty().get()).contains("read-only");
    stroke(robot, 20, 20, 100, 100); // ignored: nothing to edit
    assertThat(Files.readString(ws().project().maskFile(broken))).startsWith("garbage");

    ImageItem recovered = item(6);
    robot.interact(() -> ws().show(recovered));
    waitShown(recovered);
    assertThat(recovered.status()).isEqualTo(ImageStatus.LABELED);
    assertThat(session().mask()).isEqualTo(expected);
    focusViewer(robot);
    stroke(robot, 20, 140, 140, 140);
    assertThat(session().mask().get(80, 140)).isEqualTo(1);
  }

  @Test
  void openMessageSaysWhatWasRecovered(FxRobot robot) throws Exception {
    waitShown(item(0));
    // the message was replaced by the read-only notice of image 0; the recovery is in the log
    assertThat(
            Files.exists(
                projectDir.resolve(StrokeJournal.DIR).resolve(item(6).stem() + ".journal")))
        .isFalse();
    assertThat(window.workspace().lastRecovery()).contains("Recovered 1 unsaved stroke");
  }
}
