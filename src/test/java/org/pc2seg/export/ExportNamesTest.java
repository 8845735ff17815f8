package org.pc2seg.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Split;

class ExportNamesTest {
  private static List<ImageItem> items(String... paths) {
    List<ImageItem> out = new ArrayList<>();
    for (String p : paths) {
      out.add(new ImageItem(p, 10, 10, Split.UNLABELED, ImageStatus.UNLABELED));
    }
    return out;
  }

  private static List<String> names(String... paths) {
    List<ImageItem> it = items(paths);
    Map<ImageItem, String> n = ExportNames.of(it);
    return it.stream().map(n::get).toList();
  }

  @Test
  void theSharedFolderIsLeftOutSoMasksAreNamedLikeTheirImages() {
    assertThat(names("images/img_000.jpg", "images/img_001.png"))
        .containsExactly("img_000", "img_001");
    assertThat(names("../photos/2024/a.jpg", "../photos/2024/b.tiff")).containsExactly("a", "b");
    assertThat(names("solo.jpeg")).containsExactly("solo");
  }

  @Test
  void foldersThatTellImagesApartAreKept() {
    assertThat(names("data/a/x.jpg", "data/b/x.jpg", "data/b/deeper/y.png"))
        .containsExactly("a__x", "b__x", "b__deeper__y");
    assertThat(names("images/top.jpg", "../other/top2.jpg"))
        .containsExactly("images__top", "other__top2");
  }

  @Test
  void imagesThatDifferOnlyInTheirExtensionKeepIt() {
    assertThat(names("images/x.jpg", "images/x.png", "images/y.jpg", "images/v1.2.jpg"))
        .containsExactly("x_jpg", "x_png", "y", "v1.2");
  }
}
