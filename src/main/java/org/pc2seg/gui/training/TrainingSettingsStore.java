package org.pc2seg.gui.training;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.pc2seg.io.AtomicFiles;

/**
 * The training settings the user last confirmed, kept in a JSON file of the user data folder so
 * that they outlive the session. A setting the file lacks (one added in a later version) takes the
 * fallback's value; a file that cannot be read, or whose values are invalid, gives the fallback, so
 * a damaged file never stops the app from training.
 */
public final class TrainingSettingsStore {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
  private final Path file;

  public TrainingSettingsStore(Path file) {
    this.file = file;
  }

  /** The store of {@code training-settings.json} in the user data folder. */
  public static TrainingSettingsStore inUserDataFolder() {
    return new TrainingSettingsStore(
        org.pc2seg.project.SampleProjects.userDataDir().resolve("training-settings.json"));
  }

  public Path file() {
    return file;
  }

  /** The stored settings over {@code fallback}, or {@code fallback} when none can be used. */
  public TrainingSettings load(TrainingSettings fallback) {
    if (!Files.exists(file)) {
      return fallback;
    }
    try {
      JsonElement stored = JsonParser.parseString(Files.readString(file));
      if (!stored.isJsonObject()) {
        return fallback;
      }
      JsonObject merged = GSON.toJsonTree(fallback).getAsJsonObject();
      for (Map.Entry<String, JsonElement> e : stored.getAsJsonObject().entrySet()) {
        if (merged.has(e.getKey()) && !e.getValue().isJsonNull()) {
          merged.add(e.getKey(), e.getValue());
        }
      }
      TrainingSettings s = GSON.fromJson(merged, TrainingSettings.class);
      return s != null && s.problems().isEmpty() ? s : fallback;
    } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
      return fallback;
    }
  }

  /** Stores {@code s}; a file that cannot be written only means the next session starts afresh. */
  public void save(TrainingSettings s) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.writeString(file, GSON.toJson(s));
    } catch (IOException e) {
      // not worth interrupting the user: the settings still apply to this session
    }
  }
}
