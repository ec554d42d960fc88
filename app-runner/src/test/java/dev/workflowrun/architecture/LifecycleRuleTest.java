package dev.workflowrun.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.workflowrun.domain.run.RunState;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.is;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run lifecycle cannot be forged: a state is made only by the step on the state before it,
 * so no code outside {@link RunState} calls a state's constructor, and no constructor is public.
 */
class LifecycleRuleTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.workflowrun");

    @Test
    void onlyTheLifecycleItselfMakesAState() {
        noClasses().that().doNotBelongToAnyOf(RunState.class)
                .should().callConstructorWhere(target(is(owner(assignableTo(RunState.class)))))
                .because("a state is reached through the step before it (RunState.plan starts the chain), never made")
                .check(CLASSES);
    }

    @Test
    void noStateHasAPublicConstructor() {
        constructors().that().areDeclaredInClassesThat().areAssignableTo(RunState.class)
                .should().notBePublic()
                .check(CLASSES);
        assertThat(CLASSES.get(RunState.Verified.class).getConstructors()).isNotEmpty()
                .noneMatch((JavaConstructor c) -> c.getModifiers().contains(JavaModifier.PUBLIC));
    }

    @Test
    void everyStateIsFinalOrSealed() {
        classes().that().areAssignableTo(RunState.class).and().areNotInterfaces()
                .should().haveModifier(JavaModifier.FINAL)
                .check(CLASSES);
    }
}
