package io.gencluster.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package tree is the architecture: values at the bottom, the transport and discovery
 * SPIs and their implementations on them, the membership core above, actuator classes and
 * the Spring Cloud adapters above that and the Spring Boot wiring on top. Every arrow
 * points down; these rules fail the build when one does not.
 */
class LayerTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.gencluster");

    @Test
    void dependenciesPointDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Values")
            .definedBy("io.gencluster")
            .layer("Transport")
            .definedBy("io.gencluster.transport..")
            .layer("Discovery")
            .definedBy("io.gencluster.discovery..")
            .layer("Membership")
            .definedBy("io.gencluster.membership..")
            .layer("Messaging")
            .definedBy("io.gencluster.messaging..")
            .layer("Actuate")
            .definedBy("io.gencluster.actuate..")
            .layer("Cloud")
            .definedBy("io.gencluster.cloud..")
            .layer("Autoconfigure")
            .definedBy("io.gencluster.autoconfigure..")
            .whereLayer("Autoconfigure")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Actuate")
            .mayOnlyBeAccessedByLayers("Autoconfigure")
            .whereLayer("Cloud")
            .mayOnlyBeAccessedByLayers("Autoconfigure")
            .whereLayer("Messaging")
            .mayOnlyBeAccessedByLayers("Actuate", "Autoconfigure")
            .whereLayer("Membership")
            .mayOnlyBeAccessedByLayers("Cloud", "Actuate", "Autoconfigure")
            .whereLayer("Transport")
            .mayOnlyBeAccessedByLayers("Membership", "Messaging", "Actuate", "Autoconfigure")
            .whereLayer("Discovery")
            .mayOnlyBeAccessedByLayers("Membership", "Actuate", "Autoconfigure")
            .whereLayer("Values")
            .mayNotAccessAnyLayer()
            .check(MAIN);
    }

    @Test
    void membershipCoreUsesTheSpisNotTheirImplementations() {
        noClasses().that()
            .resideInAPackage("io.gencluster.membership..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.gencluster.transport.tcp..", "io.gencluster.discovery.dns..",
                    "io.gencluster.discovery.epmd..", "io.gencluster.discovery.cloud..")
            .check(MAIN);
    }

    @Test
    void messagingUsesTheTransportSpiNotItsImplementation() {
        noClasses().that()
            .resideInAPackage("io.gencluster.messaging..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.gencluster.transport.tcp..", "io.netty..")
            .check(MAIN);
    }

    @Test
    void onlyTheCloudAdaptersTheCloudStrategyAndTheWiringKnowSpringCloud() {
        noClasses().that()
            .resideOutsideOfPackages("io.gencluster.cloud..", "io.gencluster.discovery.cloud..",
                    "io.gencluster.autoconfigure..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework.cloud..")
            .check(MAIN);
    }

    @Test
    void onlyTheWiringAndActuatorClassesKnowSpringBoot() {
        noClasses().that()
            .resideOutsideOfPackages("io.gencluster.autoconfigure..", "io.gencluster.actuate..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework.boot..")
            .check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.gencluster.(**)").should().beFreeOfCycles().check(MAIN);
    }

}
