package org.pc2seg.gui.training;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * A chart series that never holds more than {@code maxPoints} points: when full it drops every
 * other point and from then on keeps one point per {@code stride} steps, doubling the stride as
 * often as needed. A 100 000-step run thus costs the chart the same as a 500-step one.
 *
 * <p>Points are collected in plain arrays by {@link #add} (cheap, any number per frame) and pushed
 * to the chart by {@link #sync} in one list change, so a burst of events costs the FX thread one
 * chart update rather than one per event.
 */
public final class DecimatedSeries {
  private final XYChart.Series<Number, Number> series;
  private final int maxPoints;
  private final List<double[]> kept = new ArrayList<>();
  private int stride = 1;
  private int seen;
  private int synced;
  private boolean rebuilt;

  public DecimatedSeries(String name, int maxPoints) {
    if (maxPoints < 4) {
      throw new IllegalArgumentException("maxPoints must be at least 4: " + maxPoints);
    }
    this.series = new XYChart.Series<>();
    series.setName(name);
    this.maxPoints = maxPoints;
  }

  public XYChart.Series<Number, Number> series() {
    return series;
  }

  /** Current spacing between kept points. */
  public int stride() {
    return stride;
  }

  /** Points kept (not yet necessarily shown). */
  public int size() {
    return kept.size();
  }

  /** Records a point unless the stride skips it; returns whether it was kept. */
  public boolean add(double x, double y) {
    int index = seen++;
    if (index % stride != 0 || !Double.isFinite(y)) {
      return false;
    }
    if (kept.size() >= maxPoints) {
      stride *= 2;
      List<double[]> half = new ArrayList<>(kept.size() / 2 + 1);
      for (int i = 0; i < kept.size(); i += 2) {
        half.add(kept.get(i));
      }
      kept.clear();
      kept.addAll(half);
      rebuilt = true;
      if (index % stride != 0) {
        return false;
      }
    }
    kept.add(new double[] {x, y});
    return true;
  }

  /**
   * Shows the kept points in the chart series (FX thread). After thinning, the chart's existing
   * data items are moved to the kept values and the surplus tail removed in one change: a chart
   * pays for every item it removes, so replacing them all would cost far more than this.
   */
  public void sync() {
    ObservableList<XYChart.Data<Number, Number>> data = series.getData();
    if (rebuilt) {
      int reuse = Math.min(data.size(), kept.size());
      for (int i = 0; i < reuse; i++) {
        XYChart.Data<Number, Number> d = data.get(i);
        double[] p = kept.get(i);
        if (d.getXValue().doubleValue() != p[0]) {
          d.setXValue(p[0]);
        }
        if (d.getYValue().doubleValue() != p[1]) {
          d.setYValue(p[1]);
        }
      }
      if (data.size() > reuse) {
        data.remove(reuse, data.size());
      }
      synced = reuse;
      rebuilt = false;
    }
    if (synced < kept.size()) {
      List<XYChart.Data<Number, Number>> more = new ArrayList<>(kept.size() - synced);
      for (int i = synced; i < kept.size(); i++) {
        more.add(new XYChart.Data<>(kept.get(i)[0], kept.get(i)[1]));
      }
      data.addAll(more);
    }
    synced = kept.size();
  }

  /** Removes every point and resets the stride. */
  public void clear() {
    kept.clear();
    series.getData().clear();
    stride = 1;
    seen = 0;
    synced = 0;
    rebuilt = false;
  }
}
