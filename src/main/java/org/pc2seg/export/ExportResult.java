package org.pc2seg.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param destination the folder or file written to
 * @param images images exported
 * @param fromPredictions how many of them came from predictions rather than saved masks
 * @param files files written, in order
 * @param annotations COCO annotations written (0 for PNG exports)
 * @param cancelled true when the export stopped early on request (files written so far are whole)
 */
public record ExportResult(
    Path destination,
    int images,
    int fromPredictions,
    List<Path> files,
    int annotations,
    boolean cancelled) {}
