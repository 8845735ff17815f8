package org.pc2seg.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Multiplying or dividing by a number goes through {@code org.pc2seg.ml.tensor.Scalars}: DJL's
 * {@code NDArray.mul(Number)} and friends hand autograd a constant in Java memory that the garbage
 * collector may free before the backward pass reads it.
 */
class ScalarArithmeticTest {

  static final ArchRule NO_DJL_NUMBER_ARITHMETIC =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.pc2seg.ml.tensor..")
          .should()
          .callMethod(NDArray.class, "mul", Number.class)
          .orShould()
          .callMethod(NDArray.class, "muli", Number.class)
          .orShould()
          .callMethod(NDArray.class, "div", Number.class)
          .orShould()
          .callMethod(NDArray.class, "divi", Number.class)
          .orShould()
          .callMethod(NDArray.class, "pow", Number.class)
          .because(
              "autograd may read DJL's temporary constant after the garbage collector freed it;"
                  + " use org.pc2seg.ml.tensor.Scalars");

  @Test
  void numbersReachTheEngineOnlyThroughScalars() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.pc2seg");
    NO_DJL_NUMBER_ARITHMETIC.check(main);
  }

  @Test
  void theRuleCatchesADjlNumberProduct() {
    JavaClasses bad =
        new ClassFileImporter()
            .importClasses(org.pc2seg.arch.violations.ml.ScalesWithDjlNumber.class);
    assertThatThrownBy(() -> NO_DJL_NUMBER_ARITHMETIC.check(bad))
        .isInstanceOf(AssertionError.class);
  }
}
