package org.pc2seg.gui.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pc2seg.edit.Rect;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A tiled image looks like one image: no seams between tiles when it is drawn zoomed out. */
@ExtendWith(ApplicationExtension.class)
class TiledLayerFxTest {
  private static final int GREY = 0xFF808080;
  private Group root;

  @Start
  void start(Stage stage) {
    root = new Group();
    stage.setScene(new Scene(root, 400, 400, Color.BLACK));
    stage.show();
  }

  /** A uniform grey 1100×900 layer in 128 px tiles, drawn at {@code scale}. */
  private int[] render(FxRobot robot, double scale, boolean smooth) {
    AtomicReference<int[]> out = new AtomicReference<>();
    robot.interact(
        () -> {
          TiledLayer layer =
              new TiledLayer(
                  1100, 900, 128, (x, y, w, h, argb) -> Arrays.fill(argb, 0, w * h, GREY));
          layer.setSmooth(smooth);
          layer.getTransforms().setAll(new Affine(scale, 0, 3.3, 0, scale, 2.7));
          root.getChildren().setAll(layer);
          WritableImage shot = root.getScene().snapshot(null);
          PixelReader r = shot.getPixelReader();
          int w = (int) shot.getWidth();
          int h = (int) shot.getHeight();
          int[] px = new int[w * h];
          r.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), px, 0, w);
          out.set(concat(new int[] {w, h}, px));
        });
    return out.get();
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void zoomedOutTilesShowNoSeams(FxRobot robot) {
    seamCheck(robot, true);
  }

  @Test
  void zoomedOutTilesShowNoSeamsUnsmoothed(FxRobot robot) {
    seamCheck(robot, false);
  }

  private void seamCheck(FxRobot robot, boolean smooth) {
    for (double scale : new double[] {1.0 / TiledLayer.OVERLAP, 0.21, 0.3337, 0.5, 1.37}) {
      int[] shot = render(robot, scale, smooth);
      int w = shot[0];
      // inside the drawn image (its edges are antialiased against the background, as they should
      // be)
      int x0 = 6;
      int y0 = 6;
      int x1 = (int) (3.3 + 1100 * scale) - 2;
      int y1 = (int) (2.7 + 900 * scale) - 2;
      int darkest = 255;
      for (int y = y0; y < Math.min(y1, 400); y++) {
        for (int x = x0; x < Math.min(x1, 400); x++) {
          darkest = Math.min(darkest, shot[2 + y * w + x] & 0xFF);
        }
      }
      assertThat(darkest)
          .as("darkest pixel inside the image at zoom %s, smooth %s", scale, smooth)
          .isGreaterThanOrEqualTo(0x7C);
    }
  }

  @Test
  void repaintingARegionUpdatesEveryTileThatShowsIt(FxRobot robot) {
    int[] value = {GREY};
    AtomicReference<TiledLayer> layer = new AtomicReference<>();
    robot.interact(
        () -> {
          TiledLayer l =
              new TiledLayer(
                  300, 300, 128, (x, y, w, h, argb) -> Arrays.fill(argb, 0, w * h, value[0]));
          root.getChildren().setAll(l);
          layer.set(l);
        });
    value[0] = 0xFFFF0000;
    robot.interact(() -> layer.get().repaint(new Rect(128, 128, 1, 1)));
    robot.interact(
        () -> {
          WritableImage shot = root.getScene().snapshot(null);
          assertThat(shot.getPixelReader().getArgb(128, 128)).isEqualTo(0xFFFF0000);
          assertThat(shot.getPixelReader().getArgb(127, 128)).isEqualTo(GREY);
          assertThat(shot.getPixelReader().getArgb(129, 129)).isEqualTo(GREY);
          int holders = 0; // the tile of (128, 128) and the three whose overlap holds it
          for (javafx.scene.Node n : layer.get().getChildren()) {
            javafx.scene.image.ImageView v = (javafx.scene.image.ImageView) n;
            int x = 128 - (int) v.getLayoutX();
            int y = 128 - (int) v.getLayoutY();
            if (x >= 0 && y >= 0 && x < v.getImage().getWidth() && y < v.getImage().getHeight()) {
              holders++;
              assertThat(v.getImage().getPixelReader().getArgb(x, y)).isEqualTo(0xFFFF0000);
            }
          }
          assertThat(holders).isEqualTo(4);
        });
  }
}
