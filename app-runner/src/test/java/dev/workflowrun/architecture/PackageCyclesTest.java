package dev.workflowrun.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The runner's rooms depend on one another in one direction: {@code main} and its wiring on the
 * commands, the commands on the shared flags and their collaborators, never back.
 */
class PackageCyclesTest {

    @Test
    void theRunnersPackagesFormNoCycle() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.workflowrun.runner");
        slices().matching("dev.workflowrun.(**)").should().beFreeOfCycles().check(classes);
    }
}
