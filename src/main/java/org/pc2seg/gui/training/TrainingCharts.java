package org.pc2seg.gui.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.pc2seg.ml.train.RunHistory;
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
  private int stepRange;
  private final Tooltip tip = new Tooltip();

  /** Validation results not yet drawn; their chart nodes are made only when they are drawn. */
  private final List<ValidationMetrics> pendingMiou = new ArrayList<>();

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
    if (p.totalSteps() > 0 && p.totalSteps() != stepRange) {
      setStepRange(p.totalSteps());
    }
    total.add(p.step(), p.loss());
    ce.add(p.step(), p.ce());
    cy.add(p.step(), p.consistency());
    ctr.add(p.step(), p.contrastive());
  }

  /** Records a validation point with its per-class tooltip; it appears at the next sync. */
  public void addValidation(ValidationMetrics m) {
    pendingMiou.add(m);
  }

  private XYChart.Data<Number, Number> point(ValidationMetrics m) {
    XYChart.Data<Number, Number> d = new XYChart.Data<>(m.step(), 100 * m.miou());
    StackPane dot = new StackPane();
    dot.setPrefSize(8, 8);
    dot.setUserData(m);
    // one shared tooltip, text made on hover: a Tooltip is a popup window, too heavy per point
    // the metrics are read at hover time: thinning moves a point to another validation
    dot.setOnMouseEntered(
        e -> tip.setText(tooltipText((ValidationMetrics) dot.getUserData(), classNames)));
    Tooltip.install(dot, tip);
    d.setNode(dot);
    return d;
  }

  /**
   * Fixes both step axes to 0..{@code totalSteps}: the curves grow across a chart that shows the
   * whole run, and the axes' tick labels are made once per run instead of at every redraw.
   */
  void setStepRange(int totalSteps) {
    stepRange = totalSteps;
    double unit = niceTickUnit(totalSteps / 5.0);
    for (LineChart<Number, Number> c : List.of(lossChart, miouChart)) {
      NumberAxis x = (NumberAxis) c.getXAxis();
      x.setAutoRanging(false);
      x.setLowerBound(0);
      x.setUpperBound(totalSteps);
      x.setTickUnit(unit);
    }
  }

  /** The smallest of 1, 2, 5 × 10^k that is at least {@code raw} (and at least 1). */
  static double niceTickUnit(double raw) {
    if (!(raw > 1)) {
      return 1;
    }
    double pow = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * pow >= raw) {
        return m * pow;
      }
    }
    return 10 * pow;
  }

  /**
   * Pushes pending validation points. Below the maximum they are appended; above it every other
   * point and the newest are kept, by moving the existing points rather than replacing them.
   */
  private void syncMiou() {
    if (pendingMiou.isEmpty()) {
      return;
    }
    if (miou.getData().size() + pendingMiou.size() <= MAX_VALIDATION_POINTS) {
      List<XYChart.Data<Number, Number>> more = new ArrayList<>(pendingMiou.size());
      for (ValidationMetrics m : pendingMiou) {
        more.add(point(m));
      }
      miou.getData().addAll(more);
      pendingMiou.clear();
      return;
    }
    List<ValidationMetrics> all = new ArrayList<>();
    for (XYChart.Data<Number, Number> d : miou.getData()) {
      all.add((ValidationMetrics) d.getNode().getUserData());
    }
    all.addAll(pendingMiou);
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
    // move the existing points (and their nodes) to the kept validations, as DecimatedSeries does
    ObservableList<XYChart.Data<Number, Number>> data = miou.getData();
    int reuse = Math.min(data.size(), all.size());
    for (int i = 0; i < reuse; i++) {
      XYChart.Data<Number, Number> d = data.get(i);
      ValidationMetrics m = all.get(i);
      d.setXValue(m.step());
      d.setYValue(100 * m.miou());
      d.getNode().setUserData(m);
    }
    if (data.size() > reuse) {
      data.remove(reuse, data.size());
    }
    List<XYChart.Data<Number, Number>> more = new ArrayList<>();
    for (ValidationMetrics m : all.subList(reuse, all.size())) {
      more.add(point(m));
    }
    data.addAll(more);
  }

  /**
   * Pushes the points added since the last call to the charts: one list change per series, however
   * many points arrived (the panel calls it a few times a second at most).
   */
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

  /**
   * Replaces the charts with the curves a run recorded (a run not in progress), thinned as live
   * curves are.
   */
  public void showHistory(RunHistory h) {
    clear();
    if (h.plannedSteps() > 0) {
      setStepRange(h.plannedSteps());
    }
    for (RunHistory.Step s : h.losses()) {
      total.add(s.step(), s.loss());
      ce.add(s.step(), s.ce());
      cy.add(s.step(), s.cy());
      ctr.add(s.step(), s.ctr());
    }
    pendingMiou.addAll(h.validations());
    sync();
  }

  /** Clears all charts for a new run. */
  public void clear() {
    stepRange = 0; // the next run's first step sets the axes again
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
