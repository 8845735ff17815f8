package org.pc2seg.ml.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;

/** Static helpers that turn a {@link ModelConfig} into a ready {@link Model}. */
public final class SegmentationModels {

  /** Spatial size used to initialise parameter shapes (any size ≥ 32 gives the same weights). */
  private static final int INIT_SIZE = 64;

  private SegmentationModels() {}

  /**
   * Creates a model holding a freshly initialised {@link DeepLabV3Plus}: He-normal convolution
   * weights (fan-in, gain 2), zero biases, BN γ = 1, β = 0. Deterministic for a given engine seed
   * ({@code Engine.getInstance().setRandomSeed(seed)} before the call).
   *
   * @param config the architecture
   * @param name the model name (used by {@code model.save(dir, name)})
   * @param device where the parameters live ({@code null}: the engine's default device)
   */
  public static Model newModel(ModelConfig config, String name, Device device) {
    Model model = device == null ? Model.newInstance(name) : Model.newInstance(name, device);
    DeepLabV3Plus block = DeepLabV3Plus.of(config);
    block.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
        Parameter.Type.WEIGHT);
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, INIT_SIZE, INIT_SIZE));
    return model;
  }

  /** The block of a model made by {@link #newModel}. */
  public static DeepLabV3Plus block(Model model) {
    if (model.getBlock() instanceof DeepLabV3Plus b) {
      return b;
    }
    throw new IllegalArgumentException("model '" + model.getName() + "' is not a DeepLabV3Plus");
  }

  /** Total number of scalar parameters (BN running statistics excluded). */
  public static long parameterCount(ai.djl.nn.Block block) {
    long n = 0;
    for (Parameter p : block.getParameters().values()) {
      if (p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR) {
        n += p.getArray().size();
      }
    }
    return n;
  }
}
