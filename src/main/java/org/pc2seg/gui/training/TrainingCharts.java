package org.pc2seg.gui.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.pc2seg.ml.train.TrainingProgress;
import org.pc2seg.ml.train.ValidationMetrics;

/**
 * The two live charts of the training panel: the four losses per step and validation mIoU, whose
 * points show the per-class IoU on hover. Feed it on the FX thread.
 */
public final class TrainingCharts {
  /** Points kept per loss series (older ones are thinned, see {@link DecimatedSeries}). */
  public static final int MAX_POINTS = 400;

  /** Validation points kept (each is a node with a tooltip; older ones are thinned). */
  public static final int MAX_VALIDATION_POINTS = 50;

  private final DecimatedSeries total = new DecimatedSeries("total", MAX_POINTS);
  private final DecimatedSeries ce = new DecimatedSeries("cross-entropy", MAX_POINTS);
  private final DecimatedSeries cy = new DecimatedSeries("consistency", MAX_POINTS);
  private final DecimatedSeries ctr = new DecimatedSeries("contrastive", MAX_POINTS);
  private final XYChart.Series<Number, Number> miou = new XYChart.Series<>();
  private final LineChart<Number, Number> lossChart;
  private final LineChart<Number, Number> miouChart;
  private List<String> classNames = List.of();
  private final Tooltip tip = new Tooltip();
  private final List<XYChart.Data<Number, Number>> pendingMiou = new ArrayList<>();

  public TrainingCharts() {
    lossChart = chart("Loss", "loss", false);
    lossChart.getData().add(total.series());
    lossChart.getData().add(ce.series());
    lossChart.getData().add(cy.series());
    lossChart.getData().add(ctr.series());
    miouChart = chart("Validation mIoU", "mIoU %", true);
    ((NumberAxis) miouChart.getXAxis()).setForceZeroInRange(true);
    NumberAxis y = (NumberAxis) miouChart.getYAxis();
    y.setAutoRanging(false);
    y.setLowerBound(0);
    y.setUpperBound(100);
    y.setTickUnit(20);
    miou.setName("mIoU");
    tip.setShowDelay(Duration.millis(100));
    miouChart.getData().add(miou);
  }

  private static LineChart<Number, Number> chart(String title, String yLabel, boolean symbols) {
    NumberAxis x = new NumberAxis();
    x.setLabel("step");
    x.setForceZeroInRange(false);
    NumberAxis y = new NumberAxis();
    y.setLabel(yLabel);
    LineChart<Number, Number> c = new LineChart<>(x, y);
    c.setTitle(title);
    c.setAnimated(false);
    c.setCreateSymbols(symbols);
    c.setMinHeight(160);
    c.setPrefHeight(220);
    return c;
  }

  public LineChart<Number, Number> lossChart() {
    return lossChart;
  }

  public LineChart<Number, Number> miouChart() {
    return miouChart;
  }

  /** Class names by id, for the mIoU tooltips. */
  public void setClassNames(List<String> names) {
    this.classNames = List.copyOf(names);
  }

  /** Records one step's losses; they appear at the next {@link #sync}. */
  public void addProgress(TrainingProgress p) {
    total.add(p.step(), p.loss());
    ce.add(p.step(), p.ce());
    cy.add(p.step(), p.consistency());
    ctr.add(p.step(), p.contrastive());
  }

  /** Records a validation point with its per-class tooltip; it appears at the next sync. */
  public void addValidation(ValidationMetrics m) {
    pendingMiou.add(point(m));
  }

  private XYChart.Data<Number, Number> point(ValidationMetrics m) {
    XYChart.Data<Number, Number> d = new XYChart.Data<>(m.step(), 100 * m.miou());
    StackPane dot = new StackPane();
    dot.setPrefSize(8, 8);
    dot.setUserData(m);
    // one shared tooltip, text made on hover: a Tooltip is a popup window, too heavy per point
    dot.setOnMouseEntered(e -> tip.setText(tooltipText(m, classNames)));
    Tooltip.install(dot, tip);
    d.setNode(dot);
    return d;
  }

  /**
   * Pushes pending validation points. Below the maximum they are appended; above it the series is
   * rebuilt from fresh points (a chart must not get back data items it has removed), keeping every
   * other point and the newest.
   */
  private void syncMiou() {
    if (pendingMiou.isEmpty()) {
      return;
    }
    if (miou.getData().size() + pendingMiou.size() <= MAX_VALIDATION_POINTS) {
      miou.getData().addAll(pendingMiou);
      pendingMiou.clear();
      return;
    }
    List<ValidationMetrics> all = new ArrayList<>();
    for (XYChart.Data<Number, Number> d : miou.getData()) {
      all.add((ValidationMetrics) d.getNode().getUserData());
    }
    for (XYChart.Data<Number, Number> d : pendingMiou) {
      all.add((ValidationMetrics) d.getNode().getUserData());
    }
    pendingMiou.clear();
    while (all.size() > MAX_VALIDATION_POINTS) {
      List<ValidationMetrics> half = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        if (i % 2 == 0 || i == all.size() - 1) {
          half.add(all.get(i));
        }
      }
      all = half;
    }
    List<XYChart.Data<Number, Number>> fresh = new ArrayList<>();
    for (ValidationMetrics m : all) {
      fresh.add(point(m));
    }
    miou.getData().setAll(fresh);
  }

  /** Pushes the points added since the last call to the charts (once per event batch). */
  public void sync() {
    total.sync();
    ce.sync();
    cy.sync();
    ctr.sync();
    syncMiou();
  }

  /** Number of loss points currently drawn per series. */
  public int lossPoints() {
    return total.series().getData().size();
  }

  /** The validation points drawn. */
  public List<XYChart.Data<Number, Number>> miouPoints() {
    return miou.getData();
  }

  /** Clears all charts for a new run. */
  public void clear() {
    total.clear();
    ce.clear();
    cy.clear();
    ctr.clear();
    miou.getData().clear();
    pendingMiou.clear();
  }

  /** "step 200 — mIoU 61.3 %" followed by one line per class with its IoU (– where absent). */
  public static String tooltipText(ValidationMetrics m, List<String> classNames) {
    StringBuilder sb =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "step %d — mIoU %.1f %%, pixel accuracy %.1f %%",
                m.step(),
                100 * m.miou(),
                100 * m.pixelAccuracy()));
    double[] iou = m.perClassIou();
    for (int c = 0; iou != null && c < iou.length; c++) {
      String name = c < classNames.size() ? classNames.get(c) : "class " + c;
      String v = Double.isNaN(iou[c]) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * iou[c]);
      sb.append('\n').append(name).append(": ").append(v);
    }
    return sb.toString();
  }
}
