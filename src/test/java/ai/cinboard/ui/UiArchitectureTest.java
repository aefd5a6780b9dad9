package ai.cinboard.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layer rules for the studio UI and the service API it defines. */
class UiArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.cinboard.ui", "ai.cinboard.service");

    @Test
    void uiNeverTouchesInfrastructure() {
        noClasses()
                .that()
                .resideInAPackage("ai.cinboard.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "ai.cinboard.persistence..",
                        "ai.cinboard.cache..",
                        "ai.cinboard.media..",
                        "ai.cinboard.generation..",
                        "ai.cinboard.pipeline..",
                        "ai.cinboard.text..",
                        "ai.cinboard.app..",
                        "org.apache.ibatis..",
                        "org.redisson..",
                        "software.amazon..",
                        "org.bytedeco..",
                        "com.zaxxer..",
                        "org.flywaydb..",
                        "org.postgresql..",
                        "io.zonky..",
                        "com.github.benmanes..")
                .check(CLASSES);
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
                .check(CLASSES);
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
                .check(CLASSES);
    }

    @Test
    void serviceApiIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage("ai.cinboard.service..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..", "ai.cinboard.ui..")
                .check(CLASSES);
    }
}
