package dev.dockerdoctor;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void noRoomsImportEachOtherInALoop() {
        slices().matching("dev.dockerdoctor.(**)").should().beFreeOfCycles()
                .because("a loop between rooms means neither can be understood, or changed, alone")
                .check(CLASSES);
    }

    @Test
    void diagnosisRunsFactsThenRulesThenThePlan() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Doctor").definedBy("dev.dockerdoctor.diagnosis")
                .layer("Plan").definedBy("dev.dockerdoctor.diagnosis.plan..")
                .layer("Rules").definedBy("dev.dockerdoctor.diagnosis.rules..")
                .layer("Facts").definedBy("dev.dockerdoctor.diagnosis.facts..")
                .whereLayer("Doctor").mayNotBeAccessedByAnyLayer()
                .whereLayer("Plan").mayOnlyBeAccessedByLayers("Doctor")
                .whereLayer("Rules").mayOnlyBeAccessedByLayers("Doctor", "Plan")
                .because("facts are answered before any rule runs, and no rule asks the planner")
                .check(CLASSES);
    }

    @Test
    void noDiagnosisFilesImportEachOtherInALoop() {
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass c) {
                        if (!c.getPackageName().startsWith("dev.dockerdoctor.diagnosis")) return SliceIdentifier.ignore();
                        JavaClass top = c;
                        while (top.getEnclosingClass().isPresent()) top = top.getEnclosingClass().get();
                        return SliceIdentifier.of(top.getName());
                    }

                    @Override
                    public String getDescription() {
                        return "the diagnosis room, file by file";
                    }
                }).should().beFreeOfCycles()
                .because("inside the diagnosis room too, a rule reads facts and never the other way around")
                .check(CLASSES);
    }

    @Test
    void noMainFileANewcomerNeedFear() throws IOException {
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            tooLong = files.filter(f -> f.toString().endsWith(".java")).filter(f -> lines(f) > 500)
                    .map(f -> f + " (" + lines(f) + " lines)").toList();
        }
        assertThat(tooLong).as("main files over 500 lines: split them where their own seams are").isEmpty();
    }

    private static long lines(Path f) {
        try (Stream<String> l = Files.lines(f)) {
            return l.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
