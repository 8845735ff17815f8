package org.pc2seg.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pc2seg.io.AtomicFiles;

/**
 * Loads weights from local files; nothing is ever downloaded.
 *
 * <ul>
 *   <li>{@link #loadFull}: a DJL {@code .params} file written by {@code model.save(dir, name)} (or
 *       {@link #saveFull}) for the same architecture — weights and BatchNorm statistics.
 *   <li>{@link #loadBackbone}: only the encoder, from such a full-model file (any class count, head
 *       widths or projection dim, as long as the backbone variant matches) or from a file written
 *       by {@link #saveBackbone}.
 * </ul>
 *
 * <p>Shapes are checked after loading; a mismatch raises {@link MalformedModelException} naming the
 * file and the parameter (the model must then be discarded; the file is left untouched).
 */
public final class ModelWeights {

  private static final String MAGIC = "DJL@";
  private static final String CONTENT = "pc2seg.weights";
  private static final String BACKBONE_ONLY = "backbone";

  private ModelWeights() {}

  /** Loads every parameter of {@code model}'s {@link DeepLabV3Plus} from a DJL params file. */
  public static void loadFull(Model model, Path paramsFile)
      throws IOException, MalformedModelException {
    DeepLabV3Plus block = SegmentationModels.block(model);
    Map<String, Shape> before = shapes(block);
    try (DataInputStream in = open(paramsFile)) {
      Map<String, String> props = readHeader(in, paramsFile);
      if (BACKBONE_ONLY.equals(props.get(CONTENT))) {
        throw new MalformedModelException(
            paramsFile + " holds only backbone weights; load it with loadBackbone");
      }
      block.loadParameters(model.getNDManager(), in);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      throw describe(paramsFile, e);
    }
    checkShapes(before, shapes(block), paramsFile);
  }

  /**
   * Loads the encoder weights of {@code model} from a full-model or backbone-only DJL file, or —
   * for a {@code .safetensors} file — from torchvision/timm ResNet weights ({@link
   * PretrainedWeights}).
   */
  public static void loadBackbone(Model model, Path paramsFile)
      throws IOException, MalformedModelException {
    if (paramsFile.getFileName().toString().endsWith(".safetensors")) {
      PretrainedWeights.loadBackbone(model, paramsFile);
      return;
    }
    DeepLabV3Plus block = SegmentationModels.block(model);
    Map<String, Shape> before = shapes(block.backbone());
    try (DataInputStream in = open(paramsFile)) {
      Map<String, String> props = readHeader(in, paramsFile);
      if (BACKBONE_ONLY.equals(props.get(CONTENT))) {
        block.backbone().loadParameters(model.getNDManager(), in);
      } else {
        block.loadBackboneFromFullModel(model.getNDManager(), in);
      }
    } catch (MalformedModelException | IOException | RuntimeException e) {
      throw describe(paramsFile, e);
    }
    checkShapes(before, shapes(block.backbone()), paramsFile);
  }

  /** Writes all weights in DJL's params format, atomically (same layout as model.save). */
  public static void saveFull(Model model, Path file) throws IOException {
    write(model, file, false);
  }

  /** Writes only the encoder's weights, atomically. */
  public static void saveBackbone(Model model, Path file) throws IOException {
    write(model, file, true);
  }

  private static void write(Model model, Path file, boolean backboneOnly) throws IOException {
    DeepLabV3Plus block = SegmentationModels.block(model);
    AtomicFiles.write(
        file,
        out -> {
          DataOutputStream dos = new DataOutputStream(new BufferedOutputStream(out));
          dos.writeBytes(MAGIC);
          dos.writeInt(1);
          dos.writeUTF(model.getName());
          dos.writeUTF(model.getDataType().name());
          dos.writeInt(0); // no input description
          dos.writeInt(1);
          dos.writeUTF(CONTENT);
          dos.writeUTF(backboneOnly ? BACKBONE_ONLY : "full");
          if (backboneOnly) {
            block.backbone().saveParameters(dos);
          } else {
            block.saveParameters(dos);
          }
          dos.flush();
        });
  }

  private static DataInputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("weights file " + file + " does not exist or is not a file");
    }
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  /** Reads DJL's model header (magic, version, name, data type, inputs, properties). */
  private static Map<String, String> readHeader(DataInputStream in, Path file)
      throws IOException, MalformedModelException {
    byte[] magic = new byte[4];
    in.readFully(magic);
    if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
      throw new MalformedModelException(file + " is not a DJL .params file");
    }
    int version = in.readInt();
    if (version != 1) {
      throw new MalformedModelException(file + ": unsupported DJL params version " + version);
    }
    in.readUTF(); // model name
    in.readUTF(); // data type
    int inputs = in.readInt();
    for (int i = 0; i < inputs; i++) {
      in.readUTF();
      Shape.decode(in);
    }
    int n = in.readInt();
    Map<String, String> props = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      props.put(in.readUTF(), in.readUTF());
    }
    return props;
  }

  private static Map<String, Shape> shapes(ai.djl.nn.Block block) {
    Map<String, Shape> m = new LinkedHashMap<>();
    for (var pair : block.getParameters()) {
      Parameter p = pair.getValue();
      m.put(pair.getKey(), p.getArray() == null ? null : p.getArray().getShape());
    }
    return m;
  }

  private static void checkShapes(Map<String, Shape> before, Map<String, Shape> after, Path file)
      throws MalformedModelException {
    for (Map.Entry<String, Shape> e : before.entrySet()) {
      Shape now = after.get(e.getKey());
      if (e.getValue() != null && !e.getValue().equals(now)) {
        throw new MalformedModelException(
            file
                + " does not fit this architecture: parameter "
                + e.getKey()
                + " has shape "
                + now
                + ", expected "
                + e.getValue());
      }
    }
  }

  private static MalformedModelException describe(Path file, Exception e) {
    if (e instanceof MalformedModelException mme && mme.getMessage().contains(file.toString())) {
      return mme;
    }
    return new MalformedModelException(
        "cannot load weights from " + file + " (another architecture or a damaged file): " + e, e);
  }
}
