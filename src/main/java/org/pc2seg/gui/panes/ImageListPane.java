package org.pc2seg.gui.panes;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.pc2seg.gui.Workspace;
import org.pc2seg.project.ImageItem;
import org.pc2seg.project.ImageStatus;
import org.pc2seg.project.Project;

/**
 * The left pane: every image with a lazily decoded thumbnail and its status, status counts, a name
 * filter, a status filter and a sort order. Selecting an image shows it.
 */
public final class ImageListPane extends VBox {
  private static final String ALL = "All";

  /** The status filter's entry for the validation split (V moves an image in or out). */
  static final String VALIDATION = "validation";

  private final Workspace ws;
  private final ThumbnailCache thumbs = new ThumbnailCache(64, 600);
  private final FilteredList<ImageItem> filtered;
  private final SortedList<ImageItem> sorted;
  private final ListView<ImageItem> list;
  private final TextField filter = new TextField();
  private final ChoiceBox<String> status = new ChoiceBox<>();
  private final ChoiceBox<String> sort = new ChoiceBox<>();
  private final Label counts = new Label();
  private final java.util.Map<String, Comparator<ImageItem>> extraSorts =
      new java.util.LinkedHashMap<>();
  private java.util.function.Function<ImageItem, String> annotation = i -> "";

  public ImageListPane(Workspace ws) {
    this.ws = ws;
    setId("image-list-pane");
    setSpacing(4);
    setPadding(new Insets(4));
    setPrefWidth(250);
    filtered = new FilteredList<>(ws.items(), i -> true);
    sorted = new SortedList<>(filtered);
    list = new ListView<>(sorted);
    list.setId("image-list");
    list.setCellFactory(v -> new ItemCell());
    // Shift/Ctrl-click select several rows for the image actions (validation, remove); the row
    // clicked last is the image on show
    list.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
    filter.setPromptText("Filter by name");
    filter.setId("image-filter");
    status.getItems().add(ALL);
    for (ImageStatus s : ImageStatus.values()) {
      status.getItems().add(s.name().toLowerCase(Locale.ROOT));
    }
    status.getItems().add(VALIDATION);
    status.setId("status-filter");
    status.setValue(ALL);
    sort.getItems().addAll("Project order", "Name", "Status", "Last modified");
    sort.setValue("Project order");
    filter.textProperty().addListener((o, a, b) -> updateFilter());
    status.valueProperty().addListener((o, a, b) -> updateFilter());
    sort.valueProperty()
        .addListener(
            (o, a, b) -> {
              sorted.setComparator(comparator());
              keepShownSelected(true);
            });
    counts.setWrapText(true);
    counts.setId("image-counts");
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, item) -> {
              if (item != null) {
                ws.show(item);
              }
            });
    ws.viewer()
        .imageProperty()
        .addListener(
            (o, a, img) -> {
              if (img != null
                  && !list.getSelectionModel().getSelectedItems().contains(img.item())) {
                select(img.item());
              }
            });
    ws.statusVersionProperty()
        .addListener(
            (o, a, b) -> {
              list.refresh();
              updateCounts();
            });
    ws.items().addListener((javafx.collections.ListChangeListener<ImageItem>) c -> updateCounts());
    HBox choices = new HBox(4, status, sort);
    VBox.setVgrow(list, Priority.ALWAYS);
    getChildren().addAll(counts, filter, choices, list);
    updateCounts();
  }

  /** Selects the next (+1) or previous (-1) image of the filtered, sorted list. */
  public void step(int delta) {
    if (sorted.isEmpty()) {
      return;
    }
    ImageItem cur = ws.requestedItem();
    int i = cur == null ? -1 : sorted.indexOf(cur);
    int n = Math.max(0, Math.min(sorted.size() - 1, i + delta));
    list.getSelectionModel().clearAndSelect(n);
    list.scrollTo(n);
  }

  /**
   * Selects, alone, the first image after the one on show that is not among {@code leaving}, or
   * else the nearest one before it; selects nothing when every listed image is leaving.
   */
  public void selectOutside(List<ImageItem> leaving) {
    java.util.Set<ImageItem> out =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    out.addAll(leaving);
    int from = Math.max(0, sorted.indexOf(ws.requestedItem()));
    for (int i = from; i < sorted.size(); i++) {
      if (!out.contains(sorted.get(i))) {
        select(sorted.get(i));
        return;
      }
    }
    for (int i = Math.min(from, sorted.size()) - 1; i >= 0; i--) {
      if (!out.contains(sorted.get(i))) {
        select(sorted.get(i));
        return;
      }
    }
  }

  /** Selects this image alone (which shows it) and scrolls to it. */
  public void select(ImageItem item) {
    int i = sorted.indexOf(item);
    if (i >= 0) { // else the filter hides it
      list.getSelectionModel().clearAndSelect(i);
      list.scrollTo(i);
    }
  }

  /**
   * The images an image action (validation, remove) applies to: the selected rows when the image on
   * show is one of them, else the image on show alone; empty when none is on show.
   */
  public List<ImageItem> targets() {
    ImageItem shown = ws.requestedItem();
    if (shown == null) {
      return List.of();
    }
    List<ImageItem> selected =
        list.getSelectionModel().getSelectedItems().stream()
            .filter(java.util.Objects::nonNull)
            .toList();
    return selected.contains(shown) ? selected : List.of(shown);
  }

  public ListView<ImageItem> listView() {
    return list;
  }

  /**
   * Extra text shown after an image's status (e.g. prediction confidence, label-next score); other
   * features set it, then call {@link #refresh}.
   */
  public void setAnnotation(java.util.function.Function<ImageItem, String> f) {
    this.annotation = f;
    refresh();
  }

  /** Adds a sort order offered in the sort box (e.g. by label-next score). */
  public void addSortOrder(String name, Comparator<ImageItem> order) {
    extraSorts.put(name, order);
    sort.getItems().add(name);
  }

  /** Selects a sort order by name. */
  public void setSortOrder(String name) {
    sort.setValue(name);
  }

  /** Redraws the cells and re-sorts (after annotations or scores changed). */
  public void refresh() {
    sorted.setComparator(null);
    sorted.setComparator(comparator());
    list.refresh();
    keepShownSelected(false);
  }

  /**
   * Keeps the image on show selected after the list was filtered or re-sorted, and with {@code
   * scroll} (the user changed the filter or the order) scrolls to it. Refreshes from training do
   * not scroll, so the list stays where the user left it. An image the filter hides stays on show,
   * unselected, and is selected again once the filter lets it back.
   */
  private void keepShownSelected(boolean scroll) {
    ImageItem shown = ws.requestedItem();
    int i = shown == null ? -1 : sorted.indexOf(shown);
    if (i < 0) {
      return;
    }
    if (!list.getSelectionModel().isSelected(i)) {
      list.getSelectionModel().clearAndSelect(i);
    }
    if (scroll) {
      list.scrollTo(i);
    }
  }

  private void updateFilter() {
    String text = filter.getText() == null ? "" : filter.getText().toLowerCase(Locale.ROOT);
    String st = status.getValue();
    filtered.setPredicate(
        i ->
            i.path().toLowerCase(Locale.ROOT).contains(text)
                && (ALL.equals(st)
                    || (VALIDATION.equals(st)
                        ? i.split() == org.pc2seg.project.Split.VAL
                        : i.status().name().equalsIgnoreCase(st))));
    keepShownSelected(true);
  }

  private Comparator<ImageItem> comparator() {
    return switch (sort.getValue()) {
      case "Name" -> Comparator.comparing(ImageItem::path);
      case "Status" -> Comparator.comparing(ImageItem::status).thenComparing(ImageItem::path);
      case "Last modified" -> Comparator.comparing(ImageItem::modified).reversed();
      default -> extraSorts.get(sort.getValue());
    };
  }

  private void updateCounts() {
    Project p = ws.project();
    if (p == null) {
      counts.setText("No project");
      return;
    }
    int[] n = new int[ImageStatus.values().length];
    for (ImageItem i : p.items()) {
      n[i.status().ordinal()]++;
    }
    counts.setText(
        String.format(
            Locale.ROOT,
            "%d images · %d labeled · %d unlabeled · %d predicted%s",
            p.items().size(),
            n[ImageStatus.LABELED.ordinal()],
            n[ImageStatus.UNLABELED.ordinal()],
            n[ImageStatus.PREDICTED.ordinal()],
            n[ImageStatus.BROKEN.ordinal()] > 0
                ? " · " + n[ImageStatus.BROKEN.ordinal()] + " broken"
                : ""));
  }

  private final class ItemCell extends ListCell<ImageItem> {
    private final ImageView view = new ImageView();
    private final Label name = new Label();
    private final Label state = new Label();
    private final VBox text = new VBox(2, name, state);
    private final HBox box = new HBox(6, view, text);

    ItemCell() {
      view.setFitWidth(48);
      view.setFitHeight(48);
      view.setPreserveRatio(true);
      box.setMinHeight(50);
      // the list's width bounds the cell, not the text: a long status line wraps instead of
      // cutting off "next #k" and adding a horizontal scroll bar
      setPrefWidth(0);
      text.setMinWidth(0);
      HBox.setHgrow(text, Priority.ALWAYS);
      state.setWrapText(true);
      state.getStyleClass().add("image-state");
      // the selected row is blue while the list has focus and light grey otherwise
      listViewProperty()
          .addListener(
              (o, was, now) -> {
                if (now != null) {
                  now.focusedProperty().addListener(f -> styleState());
                }
              });
    }

    @Override
    protected void updateItem(ImageItem item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setGraphic(null);
        setText(null);
        return;
      }
      name.setText(item.fileName());
      String split =
          item.split() == org.pc2seg.project.Split.UNLABELED
              ? "pool"
              : item.split().name().toLowerCase(Locale.ROOT);
      state.setText(label(item.status()) + " · " + split + annotation.apply(item));
      styleState();
      Project p = ws.project();
      view.setImage(p == null ? null : thumbs.get(p.imageFile(item)));
      setGraphic(box);
    }

    @Override
    public void updateSelected(boolean selected) {
      super.updateSelected(selected);
      styleState();
    }

    /** Status colours, except on the selected row of the focused list (white on its blue). */
    private void styleState() {
      ImageItem item = getItem();
      boolean onBlue = isSelected() && getListView() != null && getListView().isFocused();
      String fill = item == null ? "black" : onBlue ? "white" : color(item.status());
      state.setStyle("-fx-text-fill: " + fill + "; -fx-font-size: 10px;");
    }
  }

  private static String label(ImageStatus s) {
    return switch (s) {
      case LABELED -> "● labeled";
      case PREDICTED -> "◐ predicted";
      case BROKEN -> "⚠ broken";
      default -> "○ unlabeled";
    };
  }

  private static String color(ImageStatus s) {
    return switch (s) {
      case LABELED -> "#2e8b57";
      case PREDICTED -> "#4169e1";
      case BROKEN -> "#d2691e";
      default -> "#888888";
    };
  }
}
