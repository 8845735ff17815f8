package org.pc2seg.gui.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.pc2seg.gui.StudioWindow;
import org.pc2seg.gui.Workspace;
import org.pc2seg.gui.viewer.ImageViewer;
import org.pc2seg.io.FileTrees;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ProjectImporter;
import org.pc2seg.project.Split;

/**
 * Prints the workspace speed figures: brush drag event handling on a 4096×4096 image (mask paint
 * plus dirty-tile repaint, p50/p99, and the frame intervals while dragging), opening a 4096×4096
 * image, and memory while paging through many images. Needs a display (run under Xvfb on a server).
 *
 * <pre>
 * java -cp target/pc2seg-studio.jar:target/lib/* org.pc2seg.gui.bench.BrushBenchmark [pages] [pageSize]
 * </pre>
 */
public final class BrushBenchmark {
  private BrushBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    Path tmp = Files.createTempDirectory("pc2seg-bench");
    try {
      run(tmp, pages, pageSize);
    } finally {
      FileTrees.deleteTree(tmp);
    }
  }

  /** Writes the test images under {@code tmp}, then measures painting and paging on them. */
  private static void run(Path tmp, int pages, int pageSize) throws Exception {
    Path big = Files.createDirectories(tmp.resolve("big"));
    System.out.println("Writing test images to " + tmp + " …");
    for (int i = 0; i < 3; i++) {
      BenchImages.write(big.resolve("big" + i + ".png"), 4096, 4096, i);
    }
    Path many = Files.createDirectories(tmp.resolve("many"));
    for (int i = 0; i < pages; i++) {
      BenchImages.write(
          many.resolve(String.format(Locale.ROOT, "p%04d.jpg", i)), pageSize, pageSize * 3 / 4, i);
    }
    ProjectImporter.fromFolder(
        big, tmp.resolve("bigproj"), "big", ProjectImporter.defaultClasses(), Split.TRAIN);
    ProjectImporter.fromFolder(
        many, tmp.resolve("manyproj"), "many", ProjectImporter.defaultClasses(), Split.TRAIN);

    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, load average %.1f (figures scale with free CPU)%n",
        os.getAvailableProcessors(),
        os.getSystemLoadAverage());
    CountDownLatch started = new CountDownLatch(1);
    Platform.startup(started::countDown);
    started.await();
    StudioWindow w =
        FxCalls.call(
            () -> {
              Stage s = new Stage();
              StudioWindow win = new StudioWindow(s);
              s.setWidth(1280);
              s.setHeight(800);
              s.show();
              return win;
            });
    Workspace ws = w.workspace();
    ImageViewer v = w.viewer();

    FxCalls.run(() -> w.openProject(tmp.resolve("bigproj")));
    FxCalls.await(() -> v.image() != null, 60_000);
    List<Double> opens = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      ImageItem item = FxCalls.call(() -> ws.items()).get(i);
      long t0 = System.nanoTime();
      FxCalls.run(() -> ws.show(item));
      FxCalls.await(() -> v.currentItem() == item, 60_000);
      opens.add((System.nanoTime() - t0) / 1e6);
    }
    System.out.printf(
        Locale.ROOT,
        "open 4096x4096 PNG (decode + tiles + mask): %s ms (target <= 1000)%n",
        opens.stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList());
    Path png = big.resolve("big0.png");
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 2; i++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      java.awt.image.BufferedImage rgb = org.pc2seg.image.ImageLoader.readRgb(png);
      long c1 = cpu.getCurrentThreadCpuTime();
      long t1 = System.nanoTime();
      ImageViewer.imageLayer(rgb);
      long c2 = cpu.getCurrentThreadCpuTime();
      long t2 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "  of which: PNG decode %.0f ms (CPU %.0f ms), building 512px tiles %.0f ms (CPU %.0f"
              + " ms)%n",
          (t1 - t0) / 1e6,
          (c1 - c0) / 1e6,
          (t2 - t1) / 1e6,
          (c2 - c1) / 1e6);
    }

    FxCalls.run(() -> ws.brushSizeProperty().set(40));
    for (String view : new String[] {"fit", "1:1"}) {
      FxCalls.run(view.equals("fit") ? v::fit : v::zoomOne);
      drag(ws, v, view);
    }

    FxCalls.run(() -> w.openProject(tmp.resolve("manyproj")));
    FxCalls.await(() -> v.image() != null, 60_000);
    Runtime rt = Runtime.getRuntime();
    long maxUsed = 0;
    StringBuilder trace = new StringBuilder();
    long t0 = System.nanoTime();
    int n = FxCalls.call(() -> ws.items().size());
    for (int i = 0; i < n; i++) {
      ImageItem item = FxCalls.call(() -> ws.items()).get(i);
      FxCalls.run(() -> ws.show(item));
      FxCalls.await(() -> v.currentItem() == item, 60_000);
      if (i % 50 == 49) {
        long used = liveHeapAfterGc();
        maxUsed = Math.max(maxUsed, used);
        trace.append(String.format(Locale.ROOT, " %d:%dM", i + 1, used >> 20));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "paged %d images of %dx%d in %.1f s; max heap in use after GC: %d MiB (max heap %d MiB)%n",
        n,
        pageSize,
        pageSize * 3 / 4,
        (System.nanoTime() - t0) / 1e9,
        maxUsed >> 20,
        rt.maxMemory() >> 20);
    System.out.println("heap in use after GC by images paged:" + trace);
    FxCalls.run(w::shutdown);
    Platform.exit();
  }

  /** Replays a drag of 600 events at about 250 Hz and reports handler times and frame gaps. */
  private static void drag(Workspace ws, ImageViewer v, String view) throws Exception {
    int events = 600;
    double[] handler = new double[events];
    List<Long> frames = new ArrayList<>();
    AnimationTimer timer =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            frames.add(now);
          }
        };
    FxCalls.run(timer::start);
    Point2D start = FxCalls.call(() -> new Point2D(v.getWidth() * 0.2, v.getHeight() * 0.3));
    Point2D size = FxCalls.call(() -> new Point2D(v.getWidth() * 0.6, v.getHeight() * 0.4));
    FxCalls.run(() -> fire(v, MouseEvent.MOUSE_PRESSED, start.getX(), start.getY()));
    for (int i = 0; i < events; i++) {
      double t = i / (double) events;
      double x = start.getX() + size.getX() * t;
      double y = start.getY() + size.getY() * (0.5 + 0.5 * Math.sin(t * 12));
      int k = i;
      Platform.runLater(
          () -> {
            long t0 = System.nanoTime();
            fire(v, MouseEvent.MOUSE_DRAGGED, x, y);
            handler[k] = (System.nanoTime() - t0) / 1e6;
          });
      Thread.sleep(4);
    }
    FxCalls.run(() -> fire(v, MouseEvent.MOUSE_RELEASED, start.getX(), start.getY()));
    Thread.sleep(100);
    FxCalls.run(timer::stop);
    double[] gaps = new double[Math.max(0, frames.size() - 1)];
    for (int i = 1; i < frames.size(); i++) {
      gaps[i - 1] = (frames.get(i) - frames.get(i - 1)) / 1e6;
    }
    System.out.printf(
        Locale.ROOT,
        "brush drag on 4096x4096 (%s view, brush %.0f px): event handling incl. dirty-tile"
            + " repaint p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 <= 8);"
            + " frame interval p50 %.1f ms, p99 %.1f ms over %d frames%n",
        view,
        ws.brushSize(),
        pct(handler, 50),
        pct(handler, 99),
        Arrays.stream(handler).max().orElse(0),
        pct(gaps, 50),
        pct(gaps, 99),
        frames.size());
  }

  private static void fire(
      ImageViewer v, javafx.event.EventType<MouseEvent> type, double x, double y) {
    Point2D s = v.localToScreen(x, y);
    Event.fireEvent(
        v,
        new MouseEvent(
            type,
            x,
            y,
            s.getX(),
            s.getY(),
            MouseButton.PRIMARY,
            1,
            false,
            false,
            false,
            false,
            true,
            false,
            false,
            true,
            false,
            false,
            null));
  }

  private static double pct(double[] a, double p) {
    if (a.length == 0) {
      return Double.NaN;
    }
    double[] s = a.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100 * s.length) - 1)];
  }

  /**
   * Heap still in use after a full collection, summed over the heap pools' after-collection usage.
   * Reading {@code totalMemory - freeMemory} right after {@code System.gc()} also counted what the
   * decoder and FX threads allocated in the meantime (it read 300–1450 MiB where a class histogram
   * of live objects showed 130–350 MiB).
   */
  private static long liveHeapAfterGc() {
    System.gc();
    long used = 0;
    for (java.lang.management.MemoryPoolMXBean pool :
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      java.lang.management.MemoryUsage after = pool.getCollectionUsage();
      if (pool.getType() == java.lang.management.MemoryType.HEAP && after != null) {
        used += after.getUsed();
      }
    }
    return used;
  }
}
