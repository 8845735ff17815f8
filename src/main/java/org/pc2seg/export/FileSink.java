package org.pc2seg.export;

import java.io.IOException;
import java.nio.file.Path;
import org.pc2seg.io.AtomicFiles;

/** Writes one file; {@link AtomicFiles#write} in production, a failing one in tests. */
@FunctionalInterface
interface FileSink {
  void write(Path target, AtomicFiles.Writer content) throws IOException;

  /** The crash-safe writer. */
  FileSink ATOMIC = AtomicFiles::write;
}
