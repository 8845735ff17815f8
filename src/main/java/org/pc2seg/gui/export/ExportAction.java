package org.pc2seg.gui.export;

import javafx.concurrent.Task;
import org.pc2seg.gui.Workspace;
import org.pc2seg.ml.train.CancelToken;
import org.pc2seg.project.Project;

/** File → Export: asks what and where, then exports on the workspace's background executor. */
public final class ExportAction {
  private ExportAction() {}

  /** Shows the dialog for the workspace's project and starts the chosen export. */
  public static void run(Workspace ws) {
    Project p = ws.project();
    if (p == null) {
      ws.messageProperty().set("Open a project before exporting.");
      return;
    }
    ws.save();
    new ExportDialog(p).showAndWait().ifPresent(req -> start(ws, p, req));
  }

  /** Runs {@code req} as the pending background task; the result goes to the status bar. */
  public static Task<String> start(Workspace ws, Project p, ExportRequest req) {
    CancelToken cancel = new CancelToken();
    Task<String> task =
        new Task<>() {
          @Override
          protected String call() throws Exception {
            updateMessage("Exporting…");
            return req.run(p, (done, total, item) -> updateProgress(done, total), cancel);
          }

          @Override
          protected void cancelled() {
            cancel.cancel();
          }
        };
    task.setOnSucceeded(e -> ws.messageProperty().set(task.getValue()));
    task.setOnFailed(
        e -> {
          Throwable t = task.getException();
          ws.messageProperty()
              .set("Export failed: " + (t.getMessage() == null ? t.toString() : t.getMessage()));
        });
    ws.tasks().submit(task);
    return task;
  }
}
