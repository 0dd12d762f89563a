package io.troupe.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction, checked over the compiled classes of every module: no package imports one above it, and
 * no two packages import each other. The layers, bottom first, are the order below; {@code model} holds the values
 * every agent shares.
 */
class LayeringTest {

  /** Bottom first. A package may use its own layer and any below it. */
  static final List<String> LAYERS = List.of(
      "persistence",
      "model", "checkpoint", "market", "indicator", "regime", "strategy", "specialist", "performance", "sizing", "portfolio",
      "exit", "position", "venue", "order", "risk", "desk", "adviser", "node",
      "gateway",
      "app");

  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.troupe");
  }

  /** The layer of a class: the package under io.troupe (gateway and app count as one layer each). */
  static String layer(JavaClass c) {
    String rest = c.getPackageName().substring("io.troupe".length());
    if (rest.isEmpty()) return "";
    String first = rest.substring(1).split("\\.")[0];
    return first;
  }

  @Test
  void noPackageImportsOneAboveIt() {
    TreeSet<String> violations = new TreeSet<>();
    for (JavaClass c : classes) {
      int from = LAYERS.indexOf(layer(c));
      if (from < 0) violations.add(c.getName() + " is in no declared layer");
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        if (!target.getPackageName().startsWith("io.troupe")) continue;
        int to = LAYERS.indexOf(layer(target));
        if (to > from) violations.add(layer(c) + " -> " + layer(target) + ": " + c.getName() + " uses " + target.getName());
      }
    }
    assertEquals("", String.join("\n", violations), "imports that point up");
  }

  @Test
  void noTwoPackagesImportEachOther() {
    SlicesRuleDefinition.slices().matching("io.troupe.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void theCheckSeesEveryModule() {
    TreeSet<String> seen = new TreeSet<>();
    for (JavaClass c : classes) seen.add(layer(c));
    for (String l : List.of("persistence", "model", "node", "gateway", "app")) {
      if (!seen.contains(l)) throw new AssertionError("no classes of layer " + l + " imported: the check would pass vacuously");
    }
  }
}
