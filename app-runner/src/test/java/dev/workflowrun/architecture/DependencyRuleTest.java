package dev.workflowrun.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of the hexagonal layout, checked on the compiled classes of every module
 * this one sees (domain, the three adapters, testkit and the runner).
 */
class DependencyRuleTest {

    private static final String[] LIBRARIES = {
            "io.fabric8..", "org.eclipse.jgit..", "software.amazon..", "com.fasterxml..", "tools.jackson..",
            "picocli..", "dagger..", "javax.inject..", "jakarta.inject..", "org.gaul..", "org.slf4j.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.workflowrun");
    }

    @Test
    void everyModuleIsImported() {
        assertThat(classes.containPackage("dev.workflowrun.domain.run")).isTrue();
        assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .anyMatch(p -> p.startsWith("dev.workflowrun.adapters.git"))
                .anyMatch(p -> p.startsWith("dev.workflowrun.adapters.k8s"))
                .anyMatch(p -> p.startsWith("dev.workflowrun.adapters.s3"))
                .anyMatch(p -> p.startsWith("dev.workflowrun.testkit"));
    }

    @Test
    void theDomainImportsNoLibrary() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.workflowrun.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(LIBRARIES)
                .because("the core is pure Java; libraries belong in adapters");
        rule.check(classes);
    }

    @Test
    void theDomainKnowsNoAdapterAndNoApp() {
        noClasses().that().resideInAPackage("dev.workflowrun.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.workflowrun.adapters..", "dev.workflowrun.runner..",
                        "dev.workflowrun.survey..", "dev.workflowrun.testkit..")
                .check(classes);
    }

    @Test
    void noAdapterDependsOnAnother() {
        String[] adapters = {"git", "k8s", "s3"};
        for (String adapter : adapters) {
            for (String other : adapters) {
                if (!adapter.equals(other)) {
                    noClasses().that().resideInAPackage("dev.workflowrun.adapters." + adapter + "..")
                            .should().dependOnClassesThat().resideInAPackage("dev.workflowrun.adapters." + other + "..")
                            .because("adapters depend on the domain only")
                            .check(classes);
                }
            }
        }
    }

    @Test
    void onlyTheAppsKnowPicocliAndDagger() {
        noClasses().that().resideInAnyPackage("dev.workflowrun.domain..", "dev.workflowrun.adapters..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "dagger..", "javax.inject..", "jakarta.inject..")
                .check(classes);
    }

    @Test
    void adaptersDoNotUseTheTestkit() {
        noClasses().that().resideInAPackage("dev.workflowrun.adapters..")
                .should().dependOnClassesThat().resideInAPackage("dev.workflowrun.testkit..")
                .because("the simulated controller is for tests, benchmarks and the sandbox, not production paths")
                .check(classes);
    }
}
