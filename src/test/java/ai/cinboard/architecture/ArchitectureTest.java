package ai.cinboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the README's architecture section, in one place. Dependencies point one way, top to
 * bottom: app, ui, pipeline, service, text, generation, media, cache, persistence, domain. A layer may use
 * the layers below it, except that ui uses only service and domain (plus JavaFX and the JDK), and domain
 * uses nothing of ours. No rule allows an empty "should": a renamed package fails the build instead of
 * passing unchecked.
 */
class ArchitectureTest {
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
            List<String> below = layer.equals("ui") ? List.of("service", "domain") : ORDER.subList(i + 1, ORDER.size());
            layers = below.isEmpty()
                    ? layers.whereLayer(layer).mayNotAccessAnyLayer()
                    : layers.whereLayer(layer).mayOnlyAccessLayers(below.toArray(String[]::new));
        }
        layers.because("dependencies point one way, and the window reaches the rest only through the service"
                        + " layer's use cases")
                .check(classes);
    }

    @Test
    void uiUsesOnlyServiceDomainJavaFxAndTheJdk() {
        classes()
                .that()
                .resideInAPackage("ai.cinboard.ui..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "ai.cinboard.ui..",
                        "ai.cinboard.service..",
                        "ai.cinboard.domain..",
                        "javafx..",
                        "org.controlsfx..",
                        "java..")
                .because("databases, caches, stores, engines and the pipeline are built by app and reached"
                        + " from the window only through services")
                .check(classes);
    }

    @Test
    void domainUsesNothingButTheJdk() {
        classes()
                .that()
                .resideInAPackage("ai.cinboard.domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("ai.cinboard.domain..", "java..")
                .because("domain sits below every layer and carries no framework types")
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
                .because("services, the pipeline and the command line run headless, without the toolkit")
                .check(classes);
    }

    @Test
    void viewModelsUndoAndTaskApiUseNoJavaFxNodes() {
        noClasses()
                .that()
                .resideInAnyPackage("ai.cinboard.ui.viewmodel..", "ai.cinboard.ui.undo..")
                .or()
                .haveFullyQualifiedName("ai.cinboard.ui.task.TaskExecutor")
                .or()
                .haveFullyQualifiedName("ai.cinboard.ui.task.CurrentThreadTaskExecutor")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx.scene..",
                        "javafx.stage..",
                        "javafx.embed..",
                        "javafx.application..",
                        "javafx.animation..",
                        "javafx.concurrent..")
                .because("view models hold state in properties and are tested without the toolkit")
                .check(classes);
    }

    @Test
    void viewModelsDoNotKnowTheViews() {
        noClasses()
                .that()
                .resideInAPackage("ai.cinboard.ui.viewmodel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.cinboard.ui.view..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("ai.cinboard.ui.StudioWindow")
                .because("views bind to view models, never the other way round")
                .check(classes);
    }
}
