package io.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * README, Architecture: packages are stacked in floors and imports point down only. A wrong import fails the
 * build here instead of waiting for a review.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.parley");

    @Test
    void importsPointDownTheFloorsOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.parley.api..")
                .layer("system").definedBy("io.parley.system..")
                .layer("service").definedBy("io.parley.service..")
                .layer("features").definedBy("io.parley.routing..", "io.parley.chat..", "io.parley.voice..",
                        "io.parley.pagepush..", "io.parley.recording..")
                .layer("agent").definedBy("io.parley.agent..")
                .layer("transport").definedBy("io.parley.transport..")
                .layer("session").definedBy("io.parley.session..")
                .layer("limits").definedBy("io.parley.limits..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("system").mayOnlyBeAccessedByLayers("api")
                .whereLayer("service").mayOnlyBeAccessedByLayers("system", "api")
                .whereLayer("features").mayOnlyBeAccessedByLayers("service", "system", "api")
                .whereLayer("agent").mayOnlyBeAccessedByLayers("features", "service", "system", "api")
                .whereLayer("transport").mayOnlyBeAccessedByLayers("features", "service", "system", "api")
                .whereLayer("session").mayOnlyBeAccessedByLayers("agent", "transport", "features", "service",
                        "system", "api")
                .whereLayer("limits").mayOnlyBeAccessedByLayers("session", "agent", "transport", "features",
                        "service", "system", "api")
                .check(CLASSES);
    }

    @Test
    void packagesOfOneFloorDoNotImportEachOther() {
        slices().matching("io.parley.(*)..").should().beFreeOfCycles().check(CLASSES);
        noClasses().that().resideInAPackage("io.parley.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.chat..", "io.parley.voice..",
                        "io.parley.pagepush..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.parley.chat..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.routing..", "io.parley.voice..",
                        "io.parley.pagepush..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.parley.recording..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.routing..", "io.parley.chat..",
                        "io.parley.pagepush..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.parley.agent..")
                .should().dependOnClassesThat().resideInAPackage("io.parley.transport..")
                .check(CLASSES);
    }

    /**
     * The parts of the service system (README, Architecture, floor 4) import each other one way only, and what they
     * all share, in {@code io.parley.system} itself, imports none of them.
     */
    @Test
    void thePartsOfTheServiceSystemDoNotImportEachOtherInACircle() {
        slices().matching("io.parley.system.(*)..").should().beFreeOfCycles().check(CLASSES);
        noClasses().that().resideInAPackage("io.parley.system")
                .should().dependOnClassesThat().resideInAPackage("io.parley.system.*..")
                .check(CLASSES);
    }

    @Test
    void theDecisionsArePlainJava() {
        noClasses().that().resideInAnyPackage("io.parley.session..", "io.parley.routing..", "io.parley.recording..",
                "io.parley.limits..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..", "io.smallrye..",
                        "jakarta..", "org.hibernate..", "com.fasterxml..")
                .because("decisions, recording formats and token buckets are pure, unit-tested in milliseconds")
                .check(CLASSES);
    }
}
