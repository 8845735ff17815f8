package org.pc2seg.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pc2seg.project.ProjectFixtures.H;
import static org.pc2seg.project.ProjectFixtures.W;
import static org.pc2seg.project.ProjectFixtures.item;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pc2seg.image.IndexMask;
import org.pc2seg.image.MaskCodec;
import org.pc2seg.image.TestImages;

/** The project operations of issue 2, and the shape of project.json. */
class ProjectOperationsTest {
  @TempDir Path dir;

  @Test
  void createFromFolderFindsEveryFormatRecursivelyAndReportsBadFiles() throws Exception {
    Path src = dir.resolve("photos");
    BufferedImage img = TestImages.noisyRgb(20, 10, 3);
    TestImages.write(img, "png", src.resolve("top.png"));
    TestImages.write(img, "jpeg", src.resolve("sub/b.jpg"));
    TestImages.write(img, "bmp", src.resolve("sub/deeper/c.bmp"));
    TestImages.write(img, "gif", src.resolve("d.gif"));
    TestImages.write(img, "tiff", src.resolve("sub/e.tiff"));
    TestImages.write(img, "tiff", src.resolve("sub/F.TIF"));
    Files.writeString(src.resolve("readme.txt"), "not an image");
    Files.writeString(src.resolve("broken.png"), "not an image either");
    TestImages.write(img, "png", src.resolve(".hidden.png"));
    Project p =
        ProjectImporter.fromFolder(
            src, dir.resolve("proj"), "photos", ProjectFixtures.CLASSES, Split.UNLABELED);
    assertThat(p.items())
        .extracting(ImageItem::path)
        .containsExactly(
            "../photos/d.gif",
            "../photos/sub/F.TIF",
            "../photos/sub/b.jpg",
            "../photos/sub/deeper/c.bmp",
            "../photos/sub/e.tiff",
            "../photos/top.png");
    assertThat(p.items()).allSatisfy(i -> assertThat(i.width()).isEqualTo(20));
    assertThat(p.items()).allSatisfy(i -> assertThat(i.height()).isEqualTo(10));
    assertThat(p.items()).allSatisfy(i -> assertThat(i.split()).isEqualTo(Split.UNLABELED));
    assertThat(p.problems()).singleElement().asString().contains("broken.png", "not a supported");
    assertThat(byPath(p.items(), "../photos/sub/deeper/c.bmp").stem())
        .isEqualTo("photos__sub__deeper__c");

    Project reopened = ProjectStore.open(dir.resolve("proj"));
    assertThat(reopened.items()).hasSize(6);
    assertThat(reopened.problems()).isEmpty();
    assertThat(reopened.itemsByStatus(ImageStatus.UNLABELED)).hasSize(6);
  }

  @Test
  void importVocCopiesValidMasksAndReportsBadOnes() throws Exception {
    Path images = dir.resolve("voc/JPEGImages");
    Path masks = dir.resolve("voc/SegmentationClass");
    for (String n : List.of("x", "y", "z")) {
      TestImages.write(TestImages.noisyRgb(W, H, n.hashCode()), "jpeg", images.resolve(n + ".jpg"));
    }
    BufferedImage vocMask = TestImages.palette(W, H, 0xff000000, 0xff800000, 0xff008000);
    TestImages.write(vocMask, "png", masks.resolve("x.png"));
    MaskCodec.write(TestImages.filledMask(8, 8, 1), masks.resolve("y.png"));
    Project p =
        ProjectImporter.importVoc(
            images, masks, dir.resolve("proj"), "voc", ProjectFixtures.CLASSES, Split.TRAIN);
    ImageItem x = byPath(p.items(), "../voc/JPEGImages/x.jpg");
    assertThat(x.split()).isEqualTo(Split.TRAIN);
    assertThat(x.status()).isEqualTo(ImageStatus.LABELED);
    IndexMask copied = MaskCodec.read(p.maskFile(x));
    assertThat(copied.get(0, 0)).isZero();
    assertThat(copied.get(1, 0)).isEqualTo(1);
    assertThat(copied.get(2, 0)).isEqualTo(2);
    ImageItem y = byPath(p.items(), "../voc/JPEGImages/y.jpg");
    assertThat(y.split()).isEqualTo(Split.UNLABELED);
    assertThat(p.maskFile(y)).doesNotExist();
    assertThat(p.problems())
        .singleElement()
        .satisfies(pr -> assertThat(pr.file()).isEqualTo(masks.resolve("y.png")))
        .satisfies(pr -> assertThat(pr.message()).contains("mask is 8x8"));
    assertThat(byPath(p.items(), "../voc/JPEGImages/z.jpg").status())
        .isEqualTo(ImageStatus.UNLABELED);
    Project reopened = ProjectStore.open(dir.resolve("proj"));
    assertThat(reopened.labeledTrainItems()).hasSize(1);
    assertThat(reopened.unlabeledPool()).hasSize(2);
  }

  @Test
  void addAndRemoveImages() throws Exception {
    Project p = ProjectFixtures.fourImages(dir);
    Path extra = TestImages.png(dir.resolve("more/e.png"), W, H);
    List<ImageItem> added = ProjectImporter.addImages(p, List.of(extra), Split.VAL);
    assertThat(added).singleElement().extracting(ImageItem::path).isEqualTo("more/e.png");
    assertThat(ProjectImporter.addImages(p, List.of(extra), Split.VAL)).isEmpty();
    assertThat(p.items()).hasSize(5);

    Path maskA = p.maskFile(item(p, "a"));
    ProjectImporter.removeImage(p, item(p, "a"), false);
    assertThat(maskA).exists();
    Path maskB = p.maskFile(item(p, "b"));
    ProjectImporter.removeImage(p, item(p, "b"), true);
    assertThat(maskB).doesNotExist();
    ProjectStore.save(p);
    assertThat(ProjectStore.open(dir).items())
        .extracting(ImageItem::path)
        .containsExactly("images/c.png", "images/d.png", "more/e.png");
  }

  @Test
  void addFilesTakesFilesAndFoldersAndBringsBackARemovedImagesMask(@TempDir Path outside)
      throws Exception {
    Project p = ProjectFixtures.fourImages(dir);
    ImageItem a = item(p, "a");
    ProjectImporter.removeImage(p, a, false); // its mask stays in masks/
    Path more = dir.resolve("more");
    TestImages.png(more.resolve("e.png"), W, H);
    TestImages.png(more.resolve("deep/f.png"), 40, 30);
    TestImages.png(outside.resolve("g.png"), W, H);
    Path text = Files.writeString(dir.resolve("notes.txt"), "no image");
    Path corrupt = Files.writeString(dir.resolve("corrupt.png"), "no image either");
    List<Path> files = new ArrayList<>();
    files.add(more);
    files.add(outside.resolve("g.png"));
    files.add(dir.resolve("images/a.png"));
    files.add(dir.resolve("images/c.png"));
    files.add(text);
    files.add(corrupt);
    files.add(dir.resolve("missing.png"));
    int before = p.items().size();

    ImageAddition r = ProjectImporter.addFiles(p, files);

    assertThat(r.added())
        .extracting(ImageItem::path)
        .containsExactly(
            "more/deep/f.png",
            "more/e.png",
            "../" + outside.getFileName() + "/g.png",
            "images/a.png");
    assertThat(r.alreadyInProject()).isEqualTo(1); // c
    assertThat(r.skipped())
        .extracting(q -> q.file().getFileName().toString())
        .containsExactlyInAnyOrder("notes.txt", "corrupt.png", "missing.png");
    assertThat(p.items()).hasSize(before + 4);
    ImageItem back = p.item("images/a.png").orElseThrow();
    assertThat(back.status()).isEqualTo(ImageStatus.LABELED);
    assertThat(back.split()).isEqualTo(Split.TRAIN);
    assertThat(p.item("more/e.png").orElseThrow().split()).isEqualTo(Split.UNLABELED);
    assertThat(p.item("more/deep/f.png").orElseThrow().width()).isEqualTo(40);
    assertThat(r.summary())
        .startsWith("Added 4 images (1 with a mask from before")
        .contains("1 was in the project already", "3 skipped");

    ProjectStore.save(p);
    Project reopened = ProjectStore.open(dir);
    assertThat(reopened.items()).hasSize(before + 4);
    assertThat(reopened.problems()).isEmpty();
    assertThat(reopened.item("images/a.png").orElseThrow().status()).isEqualTo(ImageStatus.LABELED);
  }

  @Test
  void addFilesSkipsAnImageThatWouldShareAnotherImagesMaskName() throws Exception {
    Project p = ProjectFixtures.fourImages(dir);
    // images/a.png has the stem images__a; a file named images__a.png at the top has it too
    TestImages.png(dir.resolve("images__a.png"), W, H);
    ImageAddition r = ProjectImporter.addFiles(p, List.of(dir.resolve("images__a.png")));
    assertThat(r.added()).isEmpty();
    assertThat(r.skipped()).singleElement().asString().contains("mask name images__a");
    assertThat(r.summary()).startsWith("No images added; 1 skipped: images__a.png:");
  }

  @Test
  void classTableEditsAndRemovalRemapsOrClearsPixelsOnDisk() throws Exception {
    Project p = ProjectFixtures.fourImages(dir);
    LabelClass bird = ClassTable.add(p, "bird", null);
    assertThat(bird.id()).isEqualTo(3);
    assertThat(bird.color()).isEqualTo(ClassTable.defaultColor(3));
    ClassTable.rename(p, 3, "parrot");
    ClassTable.recolor(p, 3, "#123456");
    assertThat(p.classById(3)).contains(new LabelClass(3, "parrot", "#123456"));
    assertThatThrownBy(() -> ClassTable.recolor(p, 3, "blue")).hasMessageContaining("#rrggbb");
    assertThatThrownBy(() -> ClassTable.remove(p, 1, Optional.of(7)))
        .hasMessageContaining("cannot remap to class 7");

    byte[] maskD = Files.readAllBytes(p.maskFile(item(p, "d")));
    ClassTable.remove(p, 1, Optional.of(2)); // a: all 1 -> all 2
    IndexMask a = MaskCodec.read(p.maskFile(item(p, "a")));
    assertThat(a).isEqualTo(TestImages.filledMask(W, H, 2));
    ClassTable.remove(p, 2, Optional.empty()); // a: all 255; b: left half 255
    assertThat(MaskCodec.read(p.maskFile(item(p, "a"))).labeledPixels()).isZero();
    assertThat(MaskCodec.read(p.maskFile(item(p, "b"))).labeledPixels()).isZero();
    assertThat(Files.readAllBytes(p.maskFile(item(p, "d")))).isEqualTo(maskD);
    ProjectStore.save(p);
    Project reopened = ProjectStore.open(dir);
    assertThat(reopened.classes()).extracting(LabelClass::id).containsExactly(0, 3);
    assertThat(reopened.problems()).isEmpty();
  }

  @Test
  void classRemovalStopsBeforeChangingAnythingWhenAMaskIsBad() throws Exception {
    Project p = ProjectFixtures.fourImages(dir);
    IndexMask bad = TestImages.filledMask(W, H, 1);
    bad.set(0, 0, 77);
    Path maskB = p.maskFile(item(p, "b"));
    MaskCodec.write(bad, maskB); // damaged on disk after the project was opened
    Map<String, String> before = ProjectFixtures.snapshot(dir);
    assertThatThrownBy(() -> ClassTable.remove(p, 1, Optional.empty()))
        .hasMessageStartingWith(maskB.toString())
        .hasMessageContaining("mask value 77");
    assertThat(ProjectFixtures.snapshot(dir)).isEqualTo(before);
    assertThat(p.classById(1)).isPresent();
  }

  @Test
  void masksAreReadWrittenAndImagesListedByStatus() throws Exception {
    Project p = ProjectFixtures.fourImages(dir);
    assertThat(p.labeledTrainItems())
        .extracting(ImageItem::path)
        .containsExactly("images/a.png", "images/b.png");
    assertThat(p.unlabeledPool()).extracting(ImageItem::path).containsExactly("images/c.png");
    assertThat(p.labeledValItems()).extracting(ImageItem::path).containsExactly("images/d.png");

    ImageItem c = item(p, "c");
    List<String> events = new ArrayList<>();
    p.addListener(x -> events.add("changed"));
    IndexMask m = IndexMask.blank(W, H);
    m.set(3, 4, 2);
    MaskStore.write(p, c, m);
    assertThat(events).isNotEmpty();
    assertThat(c.status()).isEqualTo(ImageStatus.LABELED);
    assertThat(MaskStore.read(p, c)).contains(m);
    assertThat(p.itemsByStatus(ImageStatus.LABELED)).hasSize(4);
    MaskStore.delete(p, c);
    assertThat(MaskStore.read(p, c)).isEmpty();
    assertThat(c.status()).isEqualTo(ImageStatus.UNLABELED);

    MaskCodec.write(TestImages.filledMask(W, H, 0), p.predictionFile(c));
    ProjectStore.save(p);
    Project reopened = ProjectStore.open(dir);
    assertThat(reopened.itemsByStatus(ImageStatus.PREDICTED))
        .extracting(ImageItem::path)
        .containsExactly("images/c.png");
    assertThat(reopened.itemsByStatus(ImageStatus.UNLABELED)).isEmpty();
  }

  @Test
  void projectJsonIsPrettyPrintedInAStableOrderAndRoundTrips() throws Exception {
    Project p = ProjectFixtures.fourImages(dir);
    String text = Files.readString(p.file());
    assertThat(text)
        .startsWith("{\n  \"schemaVersion\": 1,\n  \"name\": \"four\",\n")
        .endsWith("}\n");
    assertInOrder(
        text, "\"schemaVersion\"", "\"name\"", "\"classes\"", "\"activeModel\"", "\"images\"");
    String firstClass =
        text.substring(text.indexOf("\"classes\""), text.indexOf("\"activeModel\""));
    assertInOrder(firstClass, "\"id\": 0", "\"name\": \"background\"", "\"color\": \"#000000\"");
    String firstImage = text.substring(text.indexOf("\"images\""));
    assertInOrder(
        firstImage,
        "\"path\": \"images/a.png\"",
        "\"width\": 32",
        "\"height\": 24",
        "\"split\": \"train\"",
        "\"status\": \"labeled\"",
        "\"created\"",
        "\"modified\"");
    assertThat(text).contains("\"activeModel\": null");
    JsonObject o = new Gson().fromJson(text, JsonObject.class);
    assertThat(o.getAsJsonArray("images")).hasSize(4);

    ProjectStore.save(ProjectStore.open(dir));
    assertThat(Files.readString(p.file())).isEqualTo(text);

    Project q = ProjectStore.open(dir);
    q.setName("renamed");
    q.setActiveModel(dir.resolve("models/run-1"));
    ProjectStore.save(q);
    assertThat(Files.readString(dir.resolve("project.json.bak"))).isEqualTo(text);
    Project r = ProjectStore.open(dir);
    assertThat(r.name()).isEqualTo("renamed");
    assertThat(r.activeModel()).contains(dir.resolve("models/run-1"));
    assertThat(r.items())
        .extracting(ImageItem::created)
        .containsExactlyElementsOf(p.items().stream().map(ImageItem::created).toList());
  }

  @Test
  void imagesThatWouldShareAMaskFileAreRefused() throws Exception {
    Project p = ProjectFixtures.fourImages(dir);
    Path jpeg = TestImages.write(TestImages.noisyRgb(W, H, 9), "jpeg", dir.resolve("images/a.jpg"));
    assertThat(ProjectImporter.addImages(p, List.of(jpeg), Split.TRAIN)).isEmpty();
    assertThat(p.problems())
        .singleElement()
        .asString()
        .contains(jpeg.toString(), "another image already uses the mask name images__a");
    assertThat(p.items()).hasSize(4);
  }

  @Test
  void imagesOutsideTheProjectAreStoredRelatively() throws Exception {
    Path elsewhere = TestImages.png(dir.resolve("data/set1/img.png"), W, H);
    Project p = ProjectStore.create(dir.resolve("work/proj"), "p", ProjectFixtures.CLASSES);
    ProjectImporter.addImages(p, List.of(elsewhere), Split.TRAIN);
    ImageItem i = p.items().get(0);
    assertThat(i.path()).isEqualTo("../../data/set1/img.png");
    assertThat(p.imageFile(i)).isEqualTo(elsewhere);
    assertThat(p.maskFile(i)).isEqualTo(dir.resolve("work/proj/masks/data__set1__img.png"));
    assertThatThrownBy(
            () -> ProjectStore.create(dir.resolve("work/proj"), "again", ProjectFixtures.CLASSES))
        .hasMessageContaining("a project already exists here");
  }

  private static ImageItem byPath(List<ImageItem> items, String path) {
    return items.stream().filter(i -> i.path().equals(path)).findFirst().orElseThrow();
  }

  private static void assertInOrder(String text, String... parts) {
    int at = -1;
    for (String part : parts) {
      int next = text.indexOf(part, at + 1);
      assertThat(next).as("%s after position %d", part, at).isGreaterThan(at);
      at = next;
    }
  }
}
