package org.pc2seg.ml.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/** Reads and writes {@link TrainConfig} as the JSON stored beside a run's weights. */
final class TrainConfigJson {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private TrainConfigJson() {}

  /** Pretty JSON of every field. */
  static String write(TrainConfig c) {
    return GSON.toJson(c);
  }

  /** Parses JSON written by {@link #write}; missing fields keep their defaults. */
  static TrainConfig read(String json) {
    try {
      TrainConfig c = GSON.fromJson(json, TrainConfig.class);
      if (c == null) {
        throw new IllegalArgumentException("empty training config");
      }
      c.fillMissingDefaults();
      TrainConfigValidation.validate(c);
      return c;
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("bad training config JSON: " + e.getMessage(), e);
    }
  }
}
