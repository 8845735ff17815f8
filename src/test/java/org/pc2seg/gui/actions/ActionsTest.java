package org.pc2seg.gui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionsTest {
  @Test
  void everyActionHasALabelAndNoShortcutIsUsedTwice() {
    Actions actions = new Actions();
    assertThat(actions.all()).hasSize(ActionId.values().length);
    Set<String> seen = new HashSet<>();
    for (StudioAction a : actions.all()) {
      assertThat(a.label()).isNotBlank();
      if (a.accelerator() != null) {
        assertThat(seen.add(a.accelerator().getName())).as(a.id() + " shortcut unique").isTrue();
      }
    }
    assertThat(actions.get(ActionId.UNDO).tooltip()).startsWith("Undo (").endsWith(")");
  }

  @Test
  void disabledActionDoesNotRun() {
    Actions actions = new Actions();
    int[] runs = new int[1];
    actions.on(ActionId.SAVE, () -> runs[0]++);
    actions.get(ActionId.SAVE).fire();
    actions.get(ActionId.SAVE).disabledProperty().set(true);
    actions.get(ActionId.SAVE).fire();
    assertThat(runs[0]).isEqualTo(1);
  }
}
