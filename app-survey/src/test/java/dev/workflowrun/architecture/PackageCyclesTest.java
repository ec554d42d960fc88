package dev.workflowrun.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The survey's packages depend on one another in one direction: a change in one never has to ripple back through another. */
class PackageCyclesTest {

    @Test
    void theSurveysPackagesFormNoCycle() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.workflowrun.survey");
        slices().matching("dev.workflowrun.(**)").should().beFreeOfCycles().check(classes);
    }
}
