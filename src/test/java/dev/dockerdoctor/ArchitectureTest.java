package dev.dockerdoctor;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The rooms keep their doors: pure logic never reaches for Slack, Docker, Jetty or the file system. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dockerdoctor");

    @Test
    void pureRoomsImportNoIo() {
        noClasses().that().resideInAnyPackage("..diagnosis..", "..parse..", "..model..", "..report..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.slack..", "com.github.dockerjava..", "org.eclipse.jetty..", "jakarta.servlet..",
                        "java.nio.file..", "java.net.http..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .because("rules, parsers, the model and rendering are pure and tested without Docker or Slack")
                .check(CLASSES);
    }

    @Test
    void onlyTheAppRoomReadsTheEnvironment() {
        noClasses().that().resideOutsideOfPackage("..app..")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .because("settings are read once, from a map, in app/Settings")
                .check(CLASSES);
    }

    @Test
    void pureRoomsDoNotDependOnTheOuterRooms() {
        noClasses().that().resideInAnyPackage("..diagnosis..", "..parse..", "..model..")
                .should().dependOnClassesThat().resideInAnyPackage("..app..", "..evidence..", "..slack..", "..watch..", "..recovery..")
                .check(CLASSES);
    }
}
