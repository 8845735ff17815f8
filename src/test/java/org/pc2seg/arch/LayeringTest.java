package org.pc2seg.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of ARCHITECTURE.md, enforced. */
class LayeringTest {
  private static JavaClasses main;

  static final ArchRule NO_JAVAFX_OUTSIDE_GUI =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.pc2seg.gui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "org.controlsfx..")
          .because("only the gui package may use JavaFX (ARCHITECTURE.md)");

  static final ArchRule NO_DJL_IN_PROJECT_OR_IMAGE =
      noClasses()
          .that()
          .resideInAnyPackage("org.pc2seg.project..", "org.pc2seg.image..", "org.pc2seg.io..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("ai.djl..")
          .because("the project and image layers stay free of the ML engine");

  static final ArchRule CORE_DOES_NOT_USE_GUI =
      noClasses()
          .that()
          .resideInAnyPackage(
              "org.pc2seg.project..",
              "org.pc2seg.image..",
              "org.pc2seg.ml..",
              "org.pc2seg.active..",
              "org.pc2seg.cli..",
              "org.pc2seg.io..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.pc2seg.gui..")
          .because("the GUI depends on the core, never the other way round");

  @BeforeAll
  static void importClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.pc2seg");
  }

  @Test
  void noJavaFxOutsideGui() {
    NO_JAVAFX_OUTSIDE_GUI.check(main);
  }

  @Test
  void projectAndImageFreeOfDjl() {
    NO_DJL_IN_PROJECT_OR_IMAGE.check(main);
  }

  @Test
  void coreDoesNotUseGui() {
    CORE_DOES_NOT_USE_GUI.check(main);
  }

  @Test
  void rulesFailOnViolations() {
    JavaClasses bad =
        new ClassFileImporter()
            .importClasses(
                org.pc2seg.arch.violations.project.UsesJavaFx.class,
                org.pc2seg.arch.violations.project.UsesDjl.class);
    ArchRule fxRule =
        noClasses()
            .that()
            .resideOutsideOfPackage("org.pc2seg.gui..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..");
    ArchRule djlRule =
        noClasses()
            .that()
            .resideInAnyPackage("org.pc2seg.arch.violations.project..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("ai.djl..");
    assertThatThrownBy(() -> fxRule.check(bad)).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> djlRule.check(bad)).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> NO_JAVAFX_OUTSIDE_GUI.check(bad)).isInstanceOf(AssertionError.class);
  }
}
