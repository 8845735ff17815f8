package org.pc2seg.gui.viewer;

import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.pc2seg.edit.Rect;

/**
 * A large raster as a grid of small {@link WritableImage} tiles, so that repainting a region only
 * re-uploads the tiles it touches and no texture exceeds the GPU limit. One image pixel is one
 * unit.
 *
 * <p>Each tile also holds the first {@link #OVERLAP} columns and rows of its right and lower
 * neighbours, which are drawn over them. JavaFX's software renderer antialiases the edges of each
 * tile at fractional screen positions, blending them with what lies under them; without the overlap
 * that was the dark background, a thin line along every tile border when zoomed out. With it, the
 * tile underneath covers the border pixel completely at every zoom of at least 1/{@link #OVERLAP}.
 */
public final class TiledLayer extends Group {
  /** Fills the premultiplied ARGB pixels of a region. */
  @FunctionalInterface
  public interface PixelSource {
    /**
     * Writes {@code w*h} pixels of the region at {@code (x, y)} into {@code argb} (row stride w).
     */
    void fill(int x, int y, int w, int h, int[] argb);
  }

  /** Pixels each tile shares with its right and lower neighbours. */
  public static final int OVERLAP = 32;

  private final int width;
  private final int height;
  private final int tile;
  private final int cols;
  private final WritableImage[] tiles;
  private final PixelSource source;
  private int[] buffer = new int[0];

  public TiledLayer(int width, int height, int tile, PixelSource source) {
    this(width, height, tile, source, true);
  }

  /**
   * A layer of {@code width × height} pixels in {@code tile}-sized tiles. With {@code fill} false
   * the tiles start transparent (for an all-unlabeled mask). Can be built off the FX thread as long
   * as it is not yet in a scene.
   */
  public TiledLayer(int width, int height, int tile, PixelSource source, boolean fill) {
    this.width = width;
    this.height = height;
    this.tile = tile;
    this.source = source;
    this.cols = (width + tile - 1) / tile;
    int rows = (height + tile - 1) / tile;
    tiles = new WritableImage[cols * rows];
    for (int ty = 0; ty < rows; ty++) {
      for (int tx = 0; tx < cols; tx++) {
        int w = Math.min(tile + OVERLAP, width - tx * tile);
        int h = Math.min(tile + OVERLAP, height - ty * tile);
        WritableImage img = new WritableImage(w, h);
        tiles[ty * cols + tx] = img;
        ImageView v = new ImageView(img);
        v.setLayoutX(tx * tile);
        v.setLayoutY(ty * tile);
        v.setSmooth(false);
        getChildren().add(v);
      }
    }
    setManaged(false);
    if (fill) {
      repaint(new Rect(0, 0, width, height));
    }
  }

  /** Re-reads the pixels of a region from the source. */
  public void repaint(Rect region) {
    Rect r = region.clip(width, height);
    if (r.isEmpty()) {
      return;
    }
    // a pixel on a tile's first OVERLAP columns or rows is also in the tile before it
    int tx0 = Math.max(0, (r.x() - OVERLAP) / tile);
    int tx1 = (r.x() + r.w() - 1) / tile;
    int ty0 = Math.max(0, (r.y() - OVERLAP) / tile);
    int ty1 = (r.y() + r.h() - 1) / tile;
    for (int ty = ty0; ty <= ty1; ty++) {
      for (int tx = tx0; tx <= tx1; tx++) {
        int x0 = Math.max(r.x(), tx * tile);
        int y0 = Math.max(r.y(), ty * tile);
        int x1 = Math.min(r.x() + r.w(), (tx + 1) * tile + OVERLAP);
        int y1 = Math.min(r.y() + r.h(), (ty + 1) * tile + OVERLAP);
        if (x1 <= x0 || y1 <= y0) {
          continue;
        }
        int w = x1 - x0;
        int h = y1 - y0;
        if (buffer.length < w * h) {
          buffer = new int[Math.max(w * h, (tile + OVERLAP) * (tile + OVERLAP))];
        }
        source.fill(x0, y0, w, h, buffer);
        tiles[ty * cols + tx]
            .getPixelWriter()
            .setPixels(
                x0 - tx * tile,
                y0 - ty * tile,
                w,
                h,
                PixelFormat.getIntArgbPreInstance(),
                buffer,
                0,
                w);
      }
    }
  }

  /** Bilinear filtering (for zoomed-out views) or nearest pixels (for zoomed-in editing). */
  public void setSmooth(boolean smooth) {
    getChildren().forEach(n -> ((ImageView) n).setSmooth(smooth));
  }

  public int tileCount() {
    return tiles.length;
  }
}
