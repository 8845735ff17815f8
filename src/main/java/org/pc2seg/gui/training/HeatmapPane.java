package org.pc2seg.gui.training;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.pc2seg.active.ProbabilityMap;
import org.pc2seg.active.ProbabilitySource;
import org.pc2seg.gui.overlay.ColorMap;
import org.pc2seg.gui.overlay.HeatmapLegend;
import org.pc2seg.gui.overlay.HeatmapOverlay;
import org.pc2seg.gui.overlay.HeatmapRenderer;
import org.pc2seg.gui.overlay.PredictionOverlayRenderer;
import org.pc2seg.image.ImageLoader;
import org.pc2seg.ml.sampling.SamplingScheme;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.Project;

/**
 * Heat-map mode's pane: the sampling scheme (switchable, to compare), the colour legend, a status
 * line and a strip of other pool images with their share of p_ij. A click on the viewer (through
 * {@link HeatmapTool}) calls {@link #anchor}; the model's probabilities and p_ij are computed on
 * {@code executor}, never on the FX thread.
 */
public final class HeatmapPane extends VBox {
  /** Images in the strip besides the shown one. */
  public static final int STRIP = 4;

  /** Candidate grid spacing: the engine's projection features are at 1/4 resolution. */
  public static final int STRIDE = 4;

  private static final ColorMap MAP = ColorMap.INFERNO;
  private final Executor executor;
  private final HeatmapOverlay overlay;
  private final ChoiceBox<SamplingScheme> scheme = new ChoiceBox<>();
  private final Label status = new Label("Click a pixel of the image to pick an anchor.");
  private final HeatmapLegend legend = new HeatmapLegend(MAP, 200);
  private final FlowPane strip = new FlowPane(4, 4);
  private final ReadOnlyObjectWrapper<NegativeHeatmap.Result> result =
      new ReadOnlyObjectWrapper<>(this, "result");
  private final Map<String, ProbabilityMap> cache = new HashMap<>();
  private Supplier<ProbabilitySource> source = () -> null;
  private Supplier<List<ImageItem>> stripItems = List::of;
  private Project project;
  private ImageItem item;
  private int ax = -1;
  private int ay = -1;
  private long generation;

  public HeatmapPane(Executor executor, HeatmapOverlay overlay) {
    this.executor = executor;
    this.overlay = overlay;
    setSpacing(4);
    setId("heatmap-pane");
    scheme.getItems().addAll(SamplingScheme.values());
    scheme.setValue(SamplingScheme.DIFF_IMAGE_DEBIASED);
    scheme.setId("heatmap-scheme");
    scheme.valueProperty().addListener((o, a, b) -> recompute());
    status.setWrapText(true);
    status.setId("heatmap-status");
    legend.setScale("p_ij (negative draw probability)", 0);
    strip.setPrefWrapLength(220);
    getChildren().addAll(new Label("Sampling scheme"), scheme, legend, status, strip);
  }

  /** Where probabilities come from (the active model); null while there is none. */
  public void setSource(Supplier<ProbabilitySource> s) {
    this.source = s;
    invalidate();
  }

  /** Which pool images form the strip next to the shown one. */
  public void setStripItems(Supplier<List<ImageItem>> s) {
    this.stripItems = s;
  }

  public void setProject(Project p) {
    this.project = p;
    invalidate();
  }

  /** Forgets cached probabilities (the active model changed). */
  public void invalidate() {
    synchronized (cache) {
      cache.clear();
    }
  }

  public ChoiceBox<SamplingScheme> schemeChoice() {
    return scheme;
  }

  /** The latest heat-map (null before the first click). */
  public ReadOnlyObjectProperty<NegativeHeatmap.Result> resultProperty() {
    return result.getReadOnlyProperty();
  }

  public Label statusLabel() {
    return status;
  }

  /** The user clicked pixel (x, y) of {@code shown}: compute and show p_ij for that anchor. */
  public void anchor(ImageItem shown, int x, int y) {
    this.item = shown;
    this.ax = x;
    this.ay = y;
    recompute();
  }

  private void recompute() {
    if (item == null || ax < 0) {
      return;
    }
    ProbabilitySource src = source.get();
    if (src == null) {
      status.setText("Train a model first: the heat-map needs the active model's predictions.");
      return;
    }
    long gen = ++generation;
    SamplingScheme s = scheme.getValue();
    ImageItem anchorItem = item;
    int x = ax;
    int y = ay;
    List<ImageItem> others = new ArrayList<>();
    for (ImageItem i : stripItems.get()) {
      if (i != anchorItem && others.size() < STRIP) {
        others.add(i);
      }
    }
    Project p = project;
    status.setText("Computing p_ij under " + s + "…");
    executor.execute(
        () -> {
          try {
            List<ProbabilityMap> maps = new ArrayList<>();
            maps.add(probabilities(src, anchorItem));
            for (ImageItem o : others) {
              maps.add(probabilities(src, o));
            }
            // the maps may be at the model's working size, smaller than the image
            ProbabilityMap own = maps.get(0);
            int mx = (int) Math.min(own.width() - 1, (long) x * own.width() / anchorItem.width());
            int my =
                (int) Math.min(own.height() - 1, (long) y * own.height() / anchorItem.height());
            NegativeHeatmap.Result r = NegativeHeatmap.compute(s, maps, mx, my, STRIDE);
            double vmax = r.max();
            List<int[]> pixels = new ArrayList<>();
            for (NegativeHeatmap.Layer l : r.layers()) {
              pixels.add(HeatmapRenderer.argb(l.values(), vmax, MAP, 0.75));
            }
            List<BufferedImage> thumbs = new ArrayList<>();
            for (ImageItem o : others) {
              thumbs.add(p == null ? null : thumbnail(ImageLoader.readRgb(p.imageFile(o))));
            }
            Platform.runLater(
                () -> {
                  if (gen == generation) {
                    show(r, pixels, others, thumbs, x, y);
                  }
                });
          } catch (Exception e) {
            Platform.runLater(
                () -> status.setText("Cannot compute the heat-map: " + e.getMessage()));
          }
        });
  }

  /** A strip image shrunk to what the strip shows, not kept at photo size. */
  private static BufferedImage thumbnail(BufferedImage img) {
    return org.pc2seg.image.Downscale.toMaxSide(img, 256);
  }

  private ProbabilityMap probabilities(ProbabilitySource src, ImageItem i) throws Exception {
    synchronized (cache) {
      ProbabilityMap m = cache.get(i.path());
      if (m != null) {
        return m;
      }
    }
    ProbabilityMap m = src.probabilities(i);
    synchronized (cache) {
      cache.put(i.path(), m);
    }
    return m;
  }

  private void show(
      NegativeHeatmap.Result r,
      List<int[]> pixels,
      List<ImageItem> others,
      List<BufferedImage> thumbs,
      int x,
      int y) {
    result.set(r);
    NegativeHeatmap.Layer own = r.layers().get(0);
    overlay.show(pixels.get(0), own.gridWidth(), own.gridHeight(), x, y);
    legend.setScale("p_ij under " + r.scheme() + " (max)", r.max());
    int candidates = r.layers().stream().mapToInt(l -> l.values().length).sum();
    status.setText(
        String.format(
            Locale.ROOT,
            "Anchor (%d, %d): p_ij sums to %.3f over %d candidates of %d images; %.1f %% on this"
                + " image.",
            x,
            y,
            r.total(),
            candidates,
            r.layers().size(),
            100 * own.sum()));
    strip.getChildren().clear();
    for (int i = 0; i < others.size(); i++) {
      NegativeHeatmap.Layer l = r.layers().get(i + 1);
      ImageView heat =
          new ImageView(
              PredictionOverlayRenderer.toImage(pixels.get(i + 1), l.gridWidth(), l.gridHeight()));
      heat.setFitWidth(100);
      heat.setFitHeight(100);
      heat.setSmooth(false);
      StackPane cell = new StackPane();
      if (thumbs.get(i) != null) {
        ImageView rgb = new ImageView(SwingFXUtils.toFXImage(thumbs.get(i), null));
        rgb.setFitWidth(100);
        rgb.setFitHeight(100);
        cell.getChildren().add(rgb);
      }
      cell.getChildren().add(heat);
      Label share = new Label(String.format(Locale.ROOT, "%.1f %%", 100 * l.sum()));
      share.setStyle("-fx-background-color: rgba(0,0,0,0.6); -fx-text-fill: white;");
      StackPane.setAlignment(share, javafx.geometry.Pos.BOTTOM_RIGHT);
      cell.getChildren().add(share);
      strip.getChildren().add(cell);
    }
  }
}
