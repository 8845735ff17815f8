package org.pc2seg.gui.overlay;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import org.pc2seg.gui.viewer.ViewedImage;
import org.pc2seg.gui.viewer.ViewerOverlay;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.LabelClass;
import org.pc2seg.project.Project;

/**
 * Draws the model's prediction for the shown image: class colours, opacity scaled by confidence,
 * nothing below the confidence threshold. The prediction files are read off the FX thread.
 */
public final class PredictionOverlay implements ViewerOverlay {
  private final ImageView view = new ImageView();
  private final Executor loader;
  private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0.5);
  private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.6);
  private final ReadOnlyObjectWrapper<PredictionImage> prediction =
      new ReadOnlyObjectWrapper<>(this, "prediction");
  private Project project;
  private int[] palette = new int[0];
  private ViewedImage image;
  private long generation;

  /** {@code loader} runs file reads (the workspace's background executor). */
  public PredictionOverlay(Executor loader) {
    this.loader = loader;
    view.setId("prediction-overlay");
    view.setSmooth(false);
    view.setMouseTransparent(true);
    threshold.addListener((o, a, b) -> redraw());
    opacity.addListener((o, a, b) -> redraw());
  }

  /** The project whose {@code predictions/} folder is read, and its class colours. */
  public void setProject(Project p) {
    this.project = p;
    List<LabelClass> classes = p == null ? List.of() : p.classes();
    this.palette = PredictionOverlayRenderer.palette(classes);
    imageChanged(image);
  }

  @Override
  public Node node() {
    return view;
  }

  @Override
  public void imageChanged(ViewedImage img) {
    this.image = img;
    long gen = ++generation;
    prediction.set(null);
    view.setImage(null);
    Project p = project;
    if (img == null || p == null) {
      return;
    }
    ImageItem item = img.item();
    loader.execute(
        () -> {
          Optional<PredictionImage> pred;
          try {
            pred = PredictionImage.read(p, item);
          } catch (Exception e) {
            pred = Optional.empty();
          }
          Optional<PredictionImage> r = pred;
          Platform.runLater(
              () -> {
                if (gen == generation) {
                  show(r.orElse(null));
                }
              });
        });
  }

  /** Shows a prediction just computed for the shown image (without re-reading files). */
  public void show(PredictionImage pred) {
    if (pred != null
        && image != null
        && (pred.width() != image.width() || pred.height() != image.height())) {
      pred = null; // stale file from another image size: do not draw it misaligned
    }
    prediction.set(pred);
    redraw();
  }

  /** Re-reads the shown image's prediction (after the predictor wrote new files). */
  public void reload() {
    imageChanged(image);
  }

  private void redraw() {
    PredictionImage p = prediction.get();
    view.setImage(
        p == null
            ? null
            : PredictionOverlayRenderer.render(p, palette, opacity.get(), threshold.get()));
  }

  /** The prediction of the shown image, or null when it has none. */
  public ReadOnlyObjectProperty<PredictionImage> predictionProperty() {
    return prediction.getReadOnlyProperty();
  }

  /** Minimum confidence drawn (and accepted), 0..1. */
  public DoubleProperty thresholdProperty() {
    return threshold;
  }

  /** Opacity of a fully confident pixel, 0..1. */
  public DoubleProperty opacityProperty() {
    return opacity;
  }

  /** The shown image (null: none). */
  public ViewedImage image() {
    return image;
  }
}
