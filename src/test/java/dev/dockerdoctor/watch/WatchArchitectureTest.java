package dev.dockerdoctor.watch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The watch room talks to the chat only through IncidentNotifier, and gets its settings handed in. */
class WatchArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dockerdoctor");

    @Test
    void watchKnowsNeitherSlackNorTheAppRoom() {
        noClasses().that().resideInAPackage("..watch..")
                .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "..slack..", "..app..", "org.eclipse.jetty..")
                .because("incidents reach the chat through IncidentNotifier; serve wires the Slack one in")
                .check(CLASSES);
    }

    @Test
    void theWatchReachesDockerOnlyThroughTheEvidencePort() {
        noClasses().that().resideInAPackage("..watch..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
                .because("the daemon's state, its _ping and its event stream all come through evidence/DockerProbe")
                .check(CLASSES);
    }

    @Test
    void theIncidentMachineAndTheStatesArePure() {
        noClasses().that().haveSimpleName("IncidentMachine").or().haveSimpleName("WatchState").or().haveSimpleName("UrlStates")
                .or().haveSimpleName("Incident").or().haveSimpleName("Backoff")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net.http..", "com.github.dockerjava..")
                .orShould().dependOnClassesThat().haveSimpleName("IncidentStore")
                .because("state logic is tested with a clock and readings, no I/O")
                .check(CLASSES);
    }
}
