package dev.dockerdoctor.slack;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The Slack room's own doors: the message model is platform-neutral, the renderer owns no client. */
class SlackArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.dockerdoctor");

    @Test
    void messagesKnowNothingOfSlackOrIo() {
        noClasses().that().resideInAPackage("..slack.message..")
                .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "org.eclipse.jetty..", "java.nio.file..",
                        "java.net..", "..slack.render..", "..app..", "..evidence..")
                .because("views are pure: a diagnosis in, a platform-neutral message out")
                .check(CLASSES);
    }

    @Test
    void theRendererOwnsNoClient() {
        noClasses().that().resideInAPackage("..slack.render..")
                .should().dependOnClassesThat().resideInAnyPackage("com.slack.api.bolt..", "com.slack.api.methods..",
                        "com.slack.api.socket_mode..", "org.eclipse.jetty..", "java.nio.file..", "java.net..")
                .because("rendering is pure: Block Kit model objects in, out; sending is the bot's job")
                .check(CLASSES);
    }

    @Test
    void theSlackRoomDoesNotReachIntoTheApp() {
        noClasses().that().resideInAPackage("..slack..")
                .should().dependOnClassesThat().resideInAnyPackage("..app..", "..evidence..")
                .because("the app wires the bot; the bot gets its diagnoses through DiagnosisSource")
                .check(CLASSES);
    }
}
