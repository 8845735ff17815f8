package org.pc2seg.ml.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where to train: {@code auto} (GPU when DJL sees one, else CPU), {@code cpu} or {@code gpu}.
 *
 * <p>This build bundles the CPU libtorch. For a GPU, put a CUDA libtorch matching PyTorch 2.7.1
 * where DJL finds it (set {@code PYTORCH_LIBRARY_PATH} to its {@code lib/} folder and {@code
 * PYTORCH_VERSION=2.7.1}, {@code PYTORCH_FLAVOR=cu124}) and run with {@code --device gpu}.
 */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  public static DeviceChoice parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown device '" + s + "' (auto, cpu, gpu)", e);
    }
  }

  /** The DJL device; throws with advice when a GPU is asked for but none is visible. */
  public Device resolve() {
    int gpus = Engine.getInstance().getGpuCount();
    return switch (this) {
      case CPU -> Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalStateException(
              "--device gpu: DJL sees no GPU. This build ships the CPU libtorch; install a CUDA"
                  + " libtorch 2.7.1 and set PYTORCH_LIBRARY_PATH (see the README), or use"
                  + " --device cpu");
        }
        yield Device.gpu();
      }
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
    };
  }
}
