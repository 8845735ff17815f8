package org.pc2seg.ml.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** Reads and writes {@link TrainConfig} as the JSON stored beside a run's weights. */
final class TrainConfigJson {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private TrainConfigJson() {}

  /** Pretty JSON of every field. */
  static String write(TrainConfig c) {
    return GSON.toJson(c);
  }

  /**
   * Parses JSON written by {@link #write}; missing fields keep their defaults, except the
   * batch-norm mode: a config without it predates the setting and was trained {@code shared}.
   */
  static TrainConfig read(String json) {
    try {
      JsonElement tree = JsonParser.parseString(json);
      TrainConfig c = GSON.fromJson(tree, TrainConfig.class);
      if (c == null) {
        throw new IllegalArgumentException("empty training config");
      }
      if (tree.isJsonObject() && !tree.getAsJsonObject().has("unlabeledBatchNorm")) {
        c.unlabeledBatchNorm = UnlabeledBatchNorm.SHARED; // written before the setting existed
      }
      c.fillMissingDefaults();
      TrainConfigValidation.validate(c);
      return c;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("bad training config JSON: " + e.getMessage(), e);
    }
  }
}
