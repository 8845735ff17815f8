package org.pc2seg.gui.viewer;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;
import org.pc2seg.edit.Rect;
import org.pc2seg.project.ImageItem;

/**
 * The centre viewer: shows a {@link ViewedImage} as tiles, with {@link ViewerOverlay}s on top and
 * the active {@link ViewerTool} receiving the mouse. Wheel zooms at the cursor, Space+drag or
 * middle-drag pans. Extension points: {@link #addOverlay}, {@link #imageProperty} (listen to image
 * switches), {@link #currentItem}, {@link #toolLayer}.
 */
public final class ImageViewer extends Region {
  private static final double MIN_ZOOM = 0.02;
  private static final double MAX_ZOOM = 64;

  private final Group world = new Group();
  private final Group imageHolder = new Group();
  private final Group overlayHolder = new Group();
  private final Group toolLayer = new Group();
  private final Affine transform = new Affine();
  private final List<ViewerOverlay> overlays = new ArrayList<>();
  private final ReadOnlyObjectWrapper<ViewedImage> image = new ReadOnlyObjectWrapper<>();
  private final ObjectProperty<ViewerTool> tool = new SimpleObjectProperty<>();
  private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
  private final ReadOnlyObjectWrapper<Point2D> mouse = new ReadOnlyObjectWrapper<>();
  private TiledLayer imageLayer;
  private double tx;
  private double ty;
  private boolean spaceDown;
  private boolean panning;
  private boolean toolDragging;
  private double panX;
  private double panY;
  private boolean fitPending = true;

  public ImageViewer() {
    setId("viewer");
    getStyleClass().add("image-viewer");
    setStyle("-fx-background-color: #2b2b2b;");
    setFocusTraversable(true);
    world.getTransforms().add(transform);
    world.getChildren().addAll(imageHolder, overlayHolder, toolLayer);
    world.setManaged(false);
    getChildren().add(world);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);
    setMinSize(100, 100);
    tool.addListener(
        (o, old, now) -> {
          if (old != null) {
            old.uninstall(this);
          }
          if (now != null) {
            now.install(this);
            setCursor(now.cursor());
          }
        });
    installMouse();
    sceneProperty()
        .addListener(
            (o, old, scene) -> {
              if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, this::spaceKey);
                // the active tool sees keys before the action table (Enter closes a polygon)
                scene.addEventFilter(
                    KeyEvent.KEY_PRESSED,
                    e -> {
                      if (tool.get() != null
                          && !(scene.getFocusOwner()
                              instanceof javafx.scene.control.TextInputControl)) {
                        tool.get().key(e);
                      }
                    });
                scene.addEventFilter(KeyEvent.KEY_RELEASED, this::spaceKey);
              }
            });
    widthProperty().addListener((o, a, b) -> refitIfPending());
    heightProperty().addListener((o, a, b) -> refitIfPending());
  }

  private void spaceKey(KeyEvent e) {
    if (e.getCode() == KeyCode.SPACE
        && !(getScene().getFocusOwner() instanceof javafx.scene.control.TextInputControl)) {
      spaceDown = e.getEventType() == KeyEvent.KEY_PRESSED;
      setCursor(
          spaceDown ? Cursor.OPEN_HAND : tool.get() == null ? Cursor.DEFAULT : tool.get().cursor());
      e.consume();
    }
  }

  /** Shows an image (null clears the view) and tells every overlay. */
  public void setImage(ViewedImage img) {
    setImage(img, img == null ? null : imageLayer(img.rgb()));
  }

  /**
   * Shows an image whose tiles were built in the background with {@link #imageLayer}, so the FX
   * thread only swaps nodes.
   */
  public void setImage(ViewedImage img, TiledLayer layer) {
    if (tool.get() != null) {
      tool.get().uninstall(this);
    }
    image.set(img);
    imageHolder.getChildren().clear();
    imageLayer = img == null ? null : layer;
    if (imageLayer != null) {
      imageHolder.getChildren().add(imageLayer);
    }
    for (ViewerOverlay o : overlays) {
      o.imageChanged(img);
    }
    if (tool.get() != null) {
      tool.get().install(this);
    }
    fitPending = true;
    refitIfPending();
  }

  /** Builds the tiles of an RGB image; safe to call off the FX thread. */
  public static TiledLayer imageLayer(BufferedImage rgb) {
    int[] px = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    int w = rgb.getWidth();
    return new TiledLayer(
        w,
        rgb.getHeight(),
        512,
        (x, y, rw, rh, out) -> {
          for (int j = 0; j < rh; j++) {
            int src = (y + j) * w + x;
            int dst = j * rw;
            for (int i = 0; i < rw; i++) {
              out[dst + i] = px[src + i] | 0xFF000000;
            }
          }
        });
  }

  /** The shown image, or null. */
  public ReadOnlyObjectProperty<ViewedImage> imageProperty() {
    return image.getReadOnlyProperty();
  }

  public ViewedImage image() {
    return image.get();
  }

  /** The project item shown, or null. */
  public ImageItem currentItem() {
    return image.get() == null ? null : image.get().item();
  }

  /** Adds an overlay above the image and the overlays added before it. */
  public void addOverlay(ViewerOverlay o) {
    overlays.add(o);
    overlayHolder.getChildren().add(o.node());
    o.imageChanged(image.get());
  }

  public void removeOverlay(ViewerOverlay o) {
    overlays.remove(o);
    overlayHolder.getChildren().remove(o.node());
  }

  /** Tells every overlay that pixels in a region changed. */
  public void repaint(Rect region) {
    for (ViewerOverlay o : overlays) {
      o.repaint(region);
    }
  }

  /** Group in image coordinates where tools put their previews (brush outline, polygon). */
  public Group toolLayer() {
    return toolLayer;
  }

  public ObjectProperty<ViewerTool> toolProperty() {
    return tool;
  }

  /** Screen pixels per image pixel. */
  public ReadOnlyDoubleProperty zoomProperty() {
    return zoom.getReadOnlyProperty();
  }

  /** The mouse position in image coordinates, or null when outside the image. */
  public ReadOnlyObjectProperty<Point2D> mouseProperty() {
    return mouse.getReadOnlyProperty();
  }

  /** Converts a point of this region to image coordinates. */
  public Point2D toImage(double x, double y) {
    return new Point2D((x - tx) / zoom.get(), (y - ty) / zoom.get());
  }

  /** Converts image coordinates to a point of this region. */
  public Point2D toView(double ix, double iy) {
    return new Point2D(ix * zoom.get() + tx, iy * zoom.get() + ty);
  }

  /** Fits the whole image into the view. */
  public void fit() {
    ViewedImage img = image.get();
    if (img == null || getWidth() <= 0 || getHeight() <= 0) {
      fitPending = true;
      return;
    }
    fitPending = false;
    double s = Math.min(getWidth() / img.width(), getHeight() / img.height()) * 0.98;
    setView(s, (getWidth() - img.width() * s) / 2, (getHeight() - img.height() * s) / 2);
  }

  /** One image pixel per screen pixel, keeping the view centre. */
  public void zoomOne() {
    zoomTo(1, getWidth() / 2, getHeight() / 2);
  }

  /** Multiplies the zoom, keeping the image point under {@code (x, y)} in place. */
  public void zoomAt(double factor, double x, double y) {
    zoomTo(zoom.get() * factor, x, y);
  }

  /** Sets the zoom, keeping the image point under {@code (x, y)} in place. */
  public void zoomTo(double scale, double x, double y) {
    double s = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, scale));
    Point2D p = toImage(x, y);
    setView(s, x - p.getX() * s, y - p.getY() * s);
  }

  /** Moves the view by a screen offset. */
  public void panBy(double dx, double dy) {
    setView(zoom.get(), tx + dx, ty + dy);
  }

  private void setView(double s, double x, double y) {
    zoom.set(s);
    tx = x;
    ty = y;
    transform.setToTransform(s, 0, x, 0, s, y);
    if (imageLayer != null) {
      imageLayer.setSmooth(s < 1);
    }
  }

  private void refitIfPending() {
    if (fitPending) {
      fit();
    }
  }

  private void installMouse() {
    addEventHandler(
        MouseEvent.MOUSE_PRESSED,
        e -> {
          requestFocus();
          if (e.getButton() == MouseButton.MIDDLE
              || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            panning = true;
            panX = e.getX();
            panY = e.getY();
            setCursor(Cursor.CLOSED_HAND);
          } else if (e.getButton() == MouseButton.PRIMARY && canEdit()) {
            toolDragging = true;
            tool.get().pressed(event(e));
          }
          e.consume();
        });
    addEventHandler(
        MouseEvent.MOUSE_DRAGGED,
        e -> {
          updateMouse(e);
          if (panning) {
            panBy(e.getX() - panX, e.getY() - panY);
            panX = e.getX();
            panY = e.getY();
          } else if (toolDragging && canEdit()) {
            tool.get().dragged(event(e));
          }
          e.consume();
        });
    addEventHandler(
        MouseEvent.MOUSE_RELEASED,
        e -> {
          if (panning) {
            panning = false;
            setCursor(
                spaceDown ? Cursor.OPEN_HAND : tool.get() == null ? null : tool.get().cursor());
          } else if (toolDragging && canEdit()) {
            tool.get().released(event(e));
          }
          toolDragging = false;
          e.consume();
        });
    addEventHandler(
        MouseEvent.MOUSE_MOVED,
        e -> {
          updateMouse(e);
          if (canEdit()) {
            tool.get().moved(event(e));
          }
        });
    addEventHandler(MouseEvent.MOUSE_EXITED, e -> mouse.set(null));
    addEventHandler(
        ScrollEvent.SCROLL,
        e -> {
          if (e.getDeltaY() != 0 && image.get() != null) {
            zoomAt(Math.pow(1.0025, e.getDeltaY()), e.getX(), e.getY());
          }
          e.consume();
        });
  }

  private boolean canEdit() {
    return tool.get() != null && image.get() != null && image.get().editable();
  }

  private void updateMouse(MouseEvent e) {
    ViewedImage img = image.get();
    if (img == null) {
      mouse.set(null);
      return;
    }
    Point2D p = toImage(e.getX(), e.getY());
    boolean inside =
        p.getX() >= 0 && p.getY() >= 0 && p.getX() < img.width() && p.getY() < img.height();
    mouse.set(inside ? p : null);
  }

  private ToolEvent event(MouseEvent e) {
    Point2D p = toImage(e.getX(), e.getY());
    return new ToolEvent(
        p.getX(), p.getY(), e.getButton(), e.isAltDown(), e.isShiftDown(), e.getClickCount());
  }

  @Override
  protected void layoutChildren() {
    // the world group is positioned by its transform, not by layout
  }
}
