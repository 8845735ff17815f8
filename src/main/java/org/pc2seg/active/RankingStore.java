package org.pc2seg.active;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pc2seg.io.AtomicFiles;
import org.pc2seg.project.Project;

/**
 * Saves the latest "label next" ranking beside the predictions ({@code predictions/ranking.json}),
 * so the GUI's score column and the CLI show it without re-running the model. The file is a cache:
 * deleting it loses nothing.
 */
public final class RankingStore {
  /** File name inside {@link Project#predictionsDir()}. */
  public static final String FILE = "ranking.json";

  /**
   * A saved ranking.
   *
   * @param measure the uncertainty measure's CLI name
   * @param diversity the diversity weight used
   * @param model the run folder of the model that scored the images (may be null)
   * @param created when it was computed
   * @param images the ranking, best first
   */
  public record Saved(
      String measure, double diversity, String model, String created, List<RankedImage> images) {

    /** Scores by image path, for a table column. */
    public Map<String, RankedImage> byId() {
      Map<String, RankedImage> m = new LinkedHashMap<>();
      images.forEach(r -> m.put(r.id(), r));
      return m;
    }
  }

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private RankingStore() {}

  public static Path file(Project p) {
    return p.predictionsDir().resolve(FILE);
  }

  /** Writes the ranking atomically. */
  public static void write(
      Project p, UncertaintyMeasure measure, double diversity, List<RankedImage> ranking)
      throws IOException {
    Saved s =
        new Saved(
            measure.cliName(),
            diversity,
            p.activeModel().map(m -> p.root().relativize(m).toString()).orElse(null),
            Instant.now().toString(),
            List.copyOf(ranking));
    AtomicFiles.writeString(file(p), GSON.toJson(s));
  }

  /** The saved ranking, if there is a readable one. */
  public static Optional<Saved> read(Project p) throws IOException {
    Path f = file(p);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      Saved s = GSON.fromJson(Files.readString(f), Saved.class);
      return Optional.ofNullable(s).filter(x -> x.images() != null);
    } catch (JsonParseException e) {
      throw new IOException(f + ": unreadable ranking (" + e.getMessage() + "); delete it", e);
    }
  }
}
