package org.pc2seg.ml.train;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the convolutions of a stretch of training with libtorch's own profiler, and counts the work
 * they did from the tensor shapes it records: the rate "on the convolution work", as opposed to
 * convolution FLOPs over the whole step (which also holds batch norm, activations, the losses, the
 * optimizer and the data pipeline).
 *
 * <p>A forward convolution is an {@code aten::convolution} event, a backward one an {@code
 * aten::convolution_backward} event (the ops under them are not counted again). FLOPs are
 * 2·N·C_out·(C_in/g)·k_h·k_w per output pixel; the output size of a forward event comes from a
 * backward event of the same layer (same input and weight shapes), which records it. A backward
 * event computes the weight gradient and, unless the input is the image itself (3 channels: the
 * stem, whose input needs no gradient), the input gradient, each as much work as the forward.
 */
public final class ConvProfile {
  /**
   * Convolution time and work of the profiled stretch.
   *
   * @param forwardMs wall time inside forward convolutions
   * @param backwardMs wall time inside backward convolutions
   * @param gflop the convolutions' work (forward and backward)
   * @param calls convolution events counted
   * @param unsized forward events whose output size was unknown (their time counts, their work not)
   */
  public record Times(double forwardMs, double backwardMs, double gflop, int calls, int unsized) {
    /** Total convolution time. */
    public double totalMs() {
      return forwardMs + backwardMs;
    }

    /** Times and work divided over {@code steps} steps (the event counts stay the totals). */
    public Times perStep(int steps) {
      return new Times(forwardMs / steps, backwardMs / steps, gflop / steps, calls, unsized);
    }

    /** GFLOP per second of convolution time. */
    public double gflops() {
      double s = totalMs() / 1000;
      return s > 0 ? gflop / s : 0;
    }
  }

  private static final String FORWARD = "aten::convolution";
  private static final String BACKWARD = "aten::convolution_backward";

  private ConvProfile() {}

  /** Starts libtorch's profiler (CPU operations, with their input shapes). */
  public static void start() {
    JniUtils.startProfile(false, true, false);
  }

  /** Stops the profiler, writes its trace to {@code trace} and reads it. */
  public static Times stop(Path trace) throws IOException {
    JniUtils.stopProfile(trace.toString());
    return read(trace);
  }

  /** Stops the profiler without reading what it wrote (after a failure). */
  public static void discard(Path trace) {
    JniUtils.stopProfile(trace.toString());
  }

  /** Reads a libtorch trace (a JSON array of events, or an object with {@code traceEvents}). */
  public static Times read(Path trace) throws IOException {
    JsonElement root;
    try (Reader r = Files.newBufferedReader(trace)) {
      root = JsonParser.parseReader(r);
    } catch (RuntimeException e) {
      throw new IOException("unreadable profiler trace " + trace + ": " + e.getMessage(), e);
    }
    try {
      JsonArray events =
          root.isJsonArray()
              ? root.getAsJsonArray()
              : root.getAsJsonObject().getAsJsonArray("traceEvents");
      if (events == null) {
        throw new IOException("no events in profiler trace " + trace);
      }
      return of(events);
    } catch (RuntimeException e) {
      throw new IOException("unexpected profiler trace " + trace + ": " + e.getMessage(), e);
    }
  }

  static Times of(JsonArray events) {
    List<long[][]> forward = new ArrayList<>();
    Map<String, long[]> outputSize = new HashMap<>();
    double fwdUs = 0;
    double bwdUs = 0;
    double flop = 0;
    int calls = 0;
    for (JsonElement el : events) {
      JsonObject e = el.getAsJsonObject();
      String name = e.has("name") ? e.get("name").getAsString() : "";
      if (!FORWARD.equals(name) && !BACKWARD.equals(name)) {
        continue;
      }
      calls++;
      double dur = e.get("dur").getAsDouble();
      long[][] shapes = shapes(e);
      if (FORWARD.equals(name)) {
        fwdUs += dur;
        forward.add(shapes);
      } else {
        bwdUs += dur;
        // shapes: grad_output (N, O, Ho, Wo), input (N, C, H, W), weight (O, C/g, kh, kw)
        long[] gradOut = shapes[0];
        long[] input = shapes[1];
        long[] weight = shapes[2];
        outputSize.put(layerKey(input, weight), new long[] {gradOut[2], gradOut[3]});
        double once = convFlop(input[0], gradOut[2], gradOut[3], weight);
        flop += input[1] == 3 ? once : 2 * once;
      }
    }
    int unsized = 0;
    for (long[][] shapes : forward) {
      long[] out = outputSize.get(layerKey(shapes[0], shapes[1]));
      if (out == null) {
        unsized++;
      } else {
        flop += convFlop(shapes[0][0], out[0], out[1], shapes[1]);
      }
    }
    return new Times(fwdUs / 1000, bwdUs / 1000, flop / 1e9, calls, unsized);
  }

  /** N·Ho·Wo output pixels at {@link ConvFlops#perOutputPixel} each. */
  private static double convFlop(long n, long ho, long wo, long[] weight) {
    return (double) n * ho * wo * ConvFlops.perOutputPixel(weight);
  }

  /** A layer, whatever the batch: input channels and size, and the weight's shape. */
  private static String layerKey(long[] input, long[] weight) {
    return input[1] + "x" + input[2] + "x" + input[3] + "/" + weight[0] + "x" + weight[1] + "x"
        + weight[2] + "x" + weight[3];
  }

  private static long[][] shapes(JsonObject e) {
    JsonArray arr = e.getAsJsonArray("shape");
    if (arr == null) {
      throw new IllegalStateException("profiler event without shapes: " + e.get("name"));
    }
    long[][] s = new long[arr.size()][];
    for (int i = 0; i < s.length; i++) {
      JsonArray dims = arr.get(i).getAsJsonArray();
      s[i] = new long[dims.size()];
      for (int j = 0; j < s[i].length; j++) {
        s[i][j] = dims.get(j).getAsLong();
      }
    }
    return s;
  }
}
