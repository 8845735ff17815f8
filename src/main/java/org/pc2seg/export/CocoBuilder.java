package org.pc2seg.export;

import com.google.gson.GsonBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pc2seg.image.IndexMask;
import org.pc2seg.project.LabelClass;

/**
 * Builds a COCO JSON document (images, categories, annotations) from index masks. Categories are
 * the class table ({@code id} = class id, plus a {@code color} field). Each annotation is an RLE
 * segmentation ({@code {"size": [h, w], "counts": ...}}) with its {@code area} (pixel count), tight
 * {@code bbox} {@code [x, y, w, h]} and {@code iscrowd: 0}, as in COCO-Stuff. Unlabeled pixels
 * (255) belong to no annotation.
 */
public final class CocoBuilder {
  /** One annotation per class per image, or one per connected region of a class. */
  public enum Granularity {
    /** All pixels of a class in an image form one annotation (COCO-Stuff style, lossless). */
    CLASS,
    /** Each 8-connected region of a class is its own annotation. */
    REGION
  }

  /** How RLE counts are written. */
  public enum Counts {
    /** The compact string {@code pycocotools.mask.encode} produces (default). */
    STRING,
    /** A plain list of integers (uncompressed RLE). */
    LIST
  }

  private final List<LabelClass> classes;
  private final Granularity granularity;
  private final Counts counts;
  private final List<Map<String, Object>> images = new ArrayList<>();
  private final List<Map<String, Object>> annotations = new ArrayList<>();

  /** A builder for the given class table. */
  public CocoBuilder(List<LabelClass> classes, Granularity granularity, Counts counts) {
    this.classes = List.copyOf(classes);
    this.granularity = granularity;
    this.counts = counts;
  }

  /**
   * Adds one image and its annotations.
   *
   * @param fileName the image's path as written to {@code file_name}
   * @param extra additional fields for the image entry (may be empty)
   * @return the image id given (1-based)
   */
  public int addImage(String fileName, IndexMask mask, Map<String, Object> extra) {
    int imageId = images.size() + 1;
    Map<String, Object> img = new LinkedHashMap<>();
    img.put("id", imageId);
    img.put("file_name", fileName);
    img.put("width", mask.width());
    img.put("height", mask.height());
    img.putAll(extra);
    images.add(img);
    int w = mask.width();
    int h = mask.height();
    if (granularity == Granularity.CLASS) {
      int[] labels = new int[w * h];
      byte[] d = mask.data();
      for (int i = 0; i < d.length; i++) {
        int v = d[i] & 0xFF;
        labels[i] = v == IndexMask.IGNORE ? -1 : v;
      }
      CocoRle[] rles = CocoRle.encodeEach(labels, w, h, 255);
      for (int c = 0; c < rles.length; c++) {
        if (rles[c] != null) {
          annotations.add(annotation(imageId, c, rles[c]));
        }
      }
    } else {
      Regions r = Regions.of(mask);
      CocoRle[] rles = CocoRle.encodeEach(r.labels(), w, h, r.count());
      for (int k = 0; k < rles.length; k++) {
        annotations.add(annotation(imageId, r.regionClass()[k], rles[k]));
      }
    }
    return imageId;
  }

  private Map<String, Object> annotation(int imageId, int classId, CocoRle rle) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", annotations.size() + 1);
    a.put("image_id", imageId);
    a.put("category_id", classId);
    Map<String, Object> seg = new LinkedHashMap<>();
    seg.put("size", List.of(rle.height(), rle.width()));
    seg.put("counts", counts == Counts.STRING ? rle.countsString() : rle.counts());
    a.put("segmentation", seg);
    a.put("area", rle.area());
    a.put("bbox", rle.bbox());
    a.put("iscrowd", 0);
    return a;
  }

  /** Number of annotations so far. */
  public int annotationCount() {
    return annotations.size();
  }

  /** The document as an ordered map. */
  public Map<String, Object> document(String description) {
    Map<String, Object> doc = new LinkedHashMap<>();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("description", description);
    info.put("version", "1.0");
    info.put("date_created", Instant.now().toString());
    info.put("contributor", "PC2Seg Studio");
    doc.put("info", info);
    doc.put("licenses", List.of());
    doc.put("images", images);
    doc.put("annotations", annotations);
    List<Map<String, Object>> cats = new ArrayList<>();
    for (LabelClass c : classes) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id());
      m.put("name", c.name());
      m.put("supercategory", "class");
      m.put("color", c.color());
      cats.add(m);
    }
    doc.put("categories", cats);
    return doc;
  }

  /** The document as JSON text. */
  public String toJson(String description) {
    return new GsonBuilder().disableHtmlEscaping().create().toJson(document(description));
  }
}
