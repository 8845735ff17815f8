package org.pc2seg.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.MaskStore;
import org.pc2seg.project.Project;
import org.pc2seg.project.ProjectImporter;
import org.pc2seg.project.ProjectStore;
import org.pc2seg.project.Split;

class StrokeJournalTest {
  @TempDir Path tmp;

  static Project project(Path tmp, int n) throws Exception {
    Path imgs = tmp.resolve("imgs");
    Files.createDirectories(imgs);
    for (int i = 0; i < n; i++) {
      java.awt.image.BufferedImage b =
          new java.awt.image.BufferedImage(120, 80, java.awt.image.BufferedImage.TYPE_INT_RGB);
      javax.imageio.ImageIO.write(b, "png", imgs.resolve("img" + i + ".png").toFile());
    }
    List<LabelClass> classes =
        List.of(
            new LabelClass(0, "bg", "#000000"),
            new LabelClass(1, "a", "#ff0000"),
            new LabelClass(2, "b", "#00ff00"));
    return ProjectImporter.fromFolder(imgs, tmp.resolve("proj"), "t", classes, Split.TRAIN);
  }

  @Test
  void recoversFinishedStrokesAndUndo() throws Exception {
    Project p = project(tmp, 2);
    ImageItem item = p.items().get(0);
    MaskEditSession s = new MaskEditSession(IndexMask.blank(item.width(), item.height()));
    StrokeJournal j = new StrokeJournal(p.root());
    s.setSink(j.sinkFor(item.stem(), item.width(), item.height()));
    s.beginStroke("Brush");
    MaskPainter.line(s, 5, 5, 100, 60, 7, 1);
    s.endStroke();
    s.beginStroke("Brush");
    MaskPainter.disc(s, 60, 20, 15, 2);
    s.endStroke();
    s.undo();
    IndexMask expected = s.mask().copy();
    // an unfinished record at the end, as a kill during a write leaves it
    try (FileChannel ch =
        FileChannel.open(j.file(item.stem(), StrokeJournal.ACTIVE), StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x53, 0x54, 0x52, 0x31, 0, 0, 9}));
    }
    j.close();

    Project reopened = ProjectStore.open(p.root());
    JournalRecovery.Report r = JournalRecovery.recover(reopened);
    assertThat(r.strokes()).isEqualTo(3);
    assertThat(r.images()).isEqualTo(1);
    assertThat(r.message()).contains("Recovered 3 unsaved strokes").contains(item.path());
    ImageItem ri = reopened.items().get(0);
    assertThat(MaskStore.read(reopened, ri)).contains(expected);
    assertThat(ri.status()).isEqualTo(ImageStatus.LABELED);
    assertThat(Files.list(p.root().resolve(StrokeJournal.DIR)).count()).isZero();
    assertThat(JournalRecovery.recover(reopened).isEmpty()).isTrue();
  }

  @Test
  void rotationOnSaveKeepsLaterStrokes() throws Exception {
    Project p = project(tmp, 1);
    ImageItem item = p.items().get(0);
    MaskEditSession s = new MaskEditSession(IndexMask.blank(item.width(), item.height()));
    StrokeJournal j = new StrokeJournal(p.root());
    s.setSink(j.sinkFor(item.stem(), item.width(), item.height()));
    s.beginStroke("a");
    MaskPainter.disc(s, 20, 20, 10, 1);
    s.endStroke();
    j.beginSave(item.stem());
    IndexMask snapshot = s.mask().copy();
    s.beginStroke("b");
    MaskPainter.disc(s, 70, 40, 10, 2);
    s.endStroke();
    MaskStore.write(p, item, snapshot);
    j.endSave(item.stem(), true);
    j.close();
    assertThat(Files.exists(j.file(item.stem(), StrokeJournal.SAVING))).isFalse();
    JournalRecovery.Report r = JournalRecovery.recover(ProjectStore.open(p.root()));
    assertThat(r.strokes()).isEqualTo(1);
    assertThat(MaskStore.read(p, item)).contains(s.mask());
  }

  @Test
  void brokenMaskKeepsJournalAndOthersRecover() throws Exception {
    Project p = project(tmp, 2);
    StrokeJournal j = new StrokeJournal(p.root());
    for (ImageItem item : p.items()) {
      MaskEditSession s = new MaskEditSession(IndexMask.blank(item.width(), item.height()));
      s.setSink(j.sinkFor(item.stem(), item.width(), item.height()));
      s.beginStroke("a");
      MaskPainter.disc(s, 20, 20, 10, 1);
      s.endStroke();
    }
    j.close();
    Files.createDirectories(p.masksDir());
    Files.writeString(p.maskFile(p.items().get(0)), "not a png");
    Project reopened = ProjectStore.open(p.root());
    assertThat(reopened.items().get(0).status()).isEqualTo(ImageStatus.BROKEN);
    JournalRecovery.Report r = JournalRecovery.recover(reopened);
    assertThat(r.images()).isEqualTo(1);
    assertThat(r.problems()).singleElement().asString().contains("broken");
    assertThat(reopened.items().get(1).status()).isEqualTo(ImageStatus.LABELED);
    assertThat(Files.exists(j.file(p.items().get(0).stem(), StrokeJournal.ACTIVE))).isTrue();
  }
}
