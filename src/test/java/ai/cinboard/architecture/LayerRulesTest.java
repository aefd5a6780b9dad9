package ai.cinboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of the README's architecture section. Dependencies point one way, top to bottom:
 * app, ui, pipeline, service, text, generation, media, cache, persistence, domain. A layer may use any
 * layer below it, with two exceptions: ui never touches persistence or infrastructure libraries, and
 * domain depends on nothing of ours.
 */
class LayerRulesTest {
    private static final List<String> ORDER = List.of(
            "app", "ui", "pipeline", "service", "text", "generation", "media", "cache", "persistence", "domain");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ai.cinboard");
    }

    @Test
    void layersDependOnlyDownwards() {
        Architectures.LayeredArchitecture layers =
                Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : ORDER) {
            layers = layers.layer(layer).definedBy("ai.cinboard." + layer + "..");
        }
        for (int i = 0; i < ORDER.size(); i++) {
            String layer = ORDER.get(i);
            List<String> below = ORDER.subList(i + 1, ORDER.size()).stream()
                    .filter(l -> !(layer.equals("ui") && l.equals("persistence")))
                    .toList();
            layers = below.isEmpty()
                    ? layers.whereLayer(layer).mayNotAccessAnyLayer()
                    : layers.whereLayer(layer).mayOnlyAccessLayers(below.toArray(String[]::new));
        }
        layers.allowEmptyShould(true).check(classes);
    }

    @Test
    void domainUsesNoFrameworks() {
        noClasses()
                .that()
                .resideInAPackage("ai.cinboard.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx..",
                        "org.apache.ibatis..",
                        "software.amazon..",
                        "org.redisson..",
                        "org.bytedeco..",
                        "com.fasterxml..",
                        "org.postgresql..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void uiNeverImportsPersistenceOrInfrastructure() {
        noClasses()
                .that()
                .resideInAPackage("ai.cinboard.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "ai.cinboard.persistence..",
                        "org.apache.ibatis..",
                        "com.zaxxer..",
                        "org.flywaydb..",
                        "io.zonky..",
                        "org.postgresql..",
                        "org.redisson..",
                        "software.amazon..",
                        "org.bytedeco..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheUiAndTheAppUseJavaFx() {
        noClasses()
                .that()
                .resideOutsideOfPackages("ai.cinboard.ui..", "ai.cinboard.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
