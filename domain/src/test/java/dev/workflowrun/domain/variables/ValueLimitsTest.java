package dev.workflowrun.domain.variables;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every limit a value is checked against, at the limit and one past it, and what the binding
 * keeps: an off-by-one here lets through a value the cluster (or the YAML) would read otherwise.
 */
class ValueLimitsTest {

    @Test
    void aTextValueMayBe1024CharactersButNotOneMore() {
        assertThatCode(() -> SafeScalar.check("a".repeat(SafeScalar.MAX_LENGTH))).doesNotThrowAnyException();
        assertThatThrownBy(() -> SafeScalar.check("a".repeat(SafeScalar.MAX_LENGTH + 1)))
                .hasMessageContaining("1025 characters; at most 1024");
    }

    @Test
    void aRefusedCharacterIsNamedWithItsPositionFromOne() {
        assertThatThrownBy(() -> SafeScalar.check("ab\ncd")).hasMessageContaining("a newline at position 3");
        assertThatThrownBy(() -> SafeScalar.check("x$(id)")).hasMessageContaining("'$' (a shell or Kubernetes expansion) at position 2");
    }

    @Test
    void eachRefusedCharacterIsDescribedSoAPersonCanFindIt() {
        assertThat(SafeScalar.describe('\n')).isEqualTo("a newline");
        assertThat(SafeScalar.describe('\r')).isEqualTo("a carriage return");
        assertThat(SafeScalar.describe('\t')).isEqualTo("a tab");
        assertThat(SafeScalar.describe('`')).isEqualTo("a backtick (a shell command substitution)");
        assertThat(SafeScalar.describe('"')).isEqualTo("a quote (\")");
        assertThat(SafeScalar.describe('\'')).isEqualTo("a quote (')");
        assertThat(SafeScalar.describe('\u0001')).isEqualTo("the control character U+0001");
        assertThat(SafeScalar.describe('\u001f')).isEqualTo("the control character U+001F");
        assertThat(SafeScalar.describe('\u007f')).isEqualTo("the control character U+007F");
        assertThat(SafeScalar.describe(' ')).isEqualTo("' '");
        assertThat(SafeScalar.describe('~')).isEqualTo("'~'");
        assertThat(SafeScalar.describe('\u0080')).isEqualTo("'\u0080'");
    }

    @Test
    void aValueThatWouldChangeTheYamlIsRefused() {
        assertThatThrownBy(() -> SafeScalar.check("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SafeScalar.check("-x")).hasMessageContaining("starts with '-', a YAML indicator");
        assertThatThrownBy(() -> SafeScalar.check("@x")).hasMessageContaining("starts with '@'");
        assertThatThrownBy(() -> SafeScalar.check(" x")).hasMessageContaining("starts or ends with a space");
        assertThatThrownBy(() -> SafeScalar.check("x ")).hasMessageContaining("starts or ends with a space");
        assertThatThrownBy(() -> SafeScalar.check("a: b")).hasMessageContaining("': '");
        assertThatThrownBy(() -> SafeScalar.check("a:")).hasMessageContaining("': '");
        assertThatThrownBy(() -> SafeScalar.check("a #b")).hasMessageContaining("'#' at position 3");
        assertThatCode(() -> SafeScalar.check("a:b x-1 y=2,z@3")).doesNotThrowAnyException();
    }

    @Test
    void aDurationMayBe100DaysButNotOneSecondMore() {
        assertThat(GoDuration.parse("2400h")).hasDays(100);
        assertThatThrownBy(() -> GoDuration.parse("2400h1s")).hasMessageContaining("longer than 100 days");
    }

    @Test
    void aDnsLabelMayBe63CharactersButNotOneMore() {
        assertThatCode(() -> RunId.requireDnsLabel("run id", "a".repeat(63))).doesNotThrowAnyException();
        assertThatThrownBy(() -> RunId.requireDnsLabel("run id", "a".repeat(64))).hasMessageContaining("64 characters");
    }

    @Test
    void aWorkflowNameMayBe63CharactersButNotOneMore() {
        String scenario = "s".repeat(40);
        assertThat(new RunId("r".repeat(22)).workflowName(scenario)).hasSize(63);
        assertThatThrownBy(() -> new RunId("r".repeat(23)).workflowName(scenario))
                .hasMessageContaining("64 characters").hasMessageContaining("use a run id of at most 22 characters");
    }

    @Test
    void aLongValueIsShownAbbreviatedFrom81Characters() {
        assertThat(RunId.abbreviate("v".repeat(80))).isEqualTo("v".repeat(80));
        assertThat(RunId.abbreviate("v".repeat(81))).isEqualTo("v".repeat(77) + "...");
    }

    @Test
    void aLabelValueMayBe63CharactersButNotOneMore() {
        assertThatCode(() -> KubernetesNames.requireLabelValue("A_b.c-" + "d".repeat(57))).doesNotThrowAnyException();
        assertThatThrownBy(() -> KubernetesNames.requireLabelValue("d".repeat(64))).hasMessageContaining("at most 63");
        assertThatThrownBy(() -> VariableType.LABEL_VALUE.check("-not-a-label-")).hasMessageContaining("not a label value");
    }

    @Test
    void aSubdomainMayBe253CharactersButNotOneMore() {
        String at253 = "abcdefghi.".repeat(25) + "abc";
        assertThat(at253).hasSize(253);
        assertThatCode(() -> KubernetesNames.requireSubdomain(at253)).doesNotThrowAnyException();
        assertThatThrownBy(() -> KubernetesNames.requireSubdomain(at253 + "d")).hasMessageContaining("at most 253");
        assertThatThrownBy(() -> VariableType.DNS_SUBDOMAIN.check("Not.A.Subdomain")).hasMessageContaining("not a DNS-1123 subdomain");
    }

    @Test
    void anImageReferenceMayBe512CharactersButNotOneMore() {
        String at512 = "ghcr.io/" + "r".repeat(502) + ":1";
        assertThat(at512).hasSize(512);
        assertThatCode(() -> ImageRef.parse(at512)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ImageRef.parse(at512 + "2")).hasMessageContaining("longer than 512");
    }

    @Test
    void aDigestWithNoRepositoryBeforeItIsAnEmptyRepository() {
        assertThatThrownBy(() -> ImageRef.parse("@sha256:" + "a".repeat(64))).hasMessageContaining("the repository name is empty");
    }

    @Test
    void bindingAcceptsUpTo256ValuesAndRefusesMore() {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < Variables.MAX_VALUES; i++) {
            given.put("V" + i, "x");
        }
        List<VariableDeclaration> declared = given.keySet().stream().map(n -> new VariableDeclaration(n, VariableType.TEXT, "")).toList();
        assertThat(Variables.bind(declared, given).declarations()).hasSize(256);

        given.put("V256", "x");
        assertThatThrownBy(() -> Variables.bind(declared, given)).hasMessageContaining("257 values were given; at most 256");
    }

    @Test
    void anUndeclaredValueIsRefusedWithWhatIsDeclared() {
        List<VariableDeclaration> one = List.of(new VariableDeclaration("SEID_IMAGE", VariableType.IMAGE, ""));
        assertThatThrownBy(() -> Variables.bind(one, Map.of("SEID_IMAGE", "ghcr.io/sei/seid:v1", "EXTRA", "x")))
                .isInstanceOfSatisfying(VariablesException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.fix()).contains("declared are SEID_IMAGE")));
        assertThatThrownBy(() -> Variables.bind(List.of(), Map.of("EXTRA", "x")))
                .isInstanceOfSatisfying(VariablesException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.fix()).contains("declares no placeholders")));
    }

    @Test
    void aValueUsedInPlacesThatDisagreeIsRefusedNamingTheStrictOne() {
        VariableDeclaration twice = new VariableDeclaration("TARGET", VariableType.TEXT, "", false,
                List.of(new PlaceholderUse(12, "metadata.name", VariableType.DNS_SUBDOMAIN), new PlaceholderUse(40, "args", VariableType.TEXT)),
                Optional.empty());
        VariableDeclaration declared = new VariableDeclaration("TARGET", VariableType.DNS_SUBDOMAIN, "");

        assertThatThrownBy(() -> Variables.bind(List.of(twice), Map.of("TARGET", "Upper")))
                .isInstanceOfSatisfying(VariablesException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.problem()).startsWith("is used as metadata.name at line 12");
                    assertThat(p.fix()).contains("or keep $TARGET out of metadata.name at line 12");
                }));
        assertThatThrownBy(() -> Variables.bind(List.of(declared), Map.of("TARGET", "Upper")))
                .isInstanceOfSatisfying(VariablesException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.problem()).startsWith("'Upper' is not")));
    }

    @Test
    void theTypesAValueIsCheckedAgainst() {
        List<PlaceholderUse> uses = List.of(new PlaceholderUse(3, "image", VariableType.IMAGE), new PlaceholderUse(9, "args", VariableType.TEXT));
        assertThat(new VariableDeclaration("X", VariableType.DURATION, "", true, uses, Optional.empty()).checkedTypes())
                .containsExactly(VariableType.DURATION);
        assertThat(new VariableDeclaration("X", VariableType.TEXT, "", false, uses, Optional.empty()).checkedTypes())
                .containsExactly(VariableType.IMAGE, VariableType.TEXT);
        assertThat(new VariableDeclaration("X", VariableType.SECRET, "", false, uses, Optional.empty()).checkedTypes())
                .containsExactly(VariableType.IMAGE, VariableType.TEXT, VariableType.SECRET);
        assertThat(new VariableDeclaration("X", VariableType.INTEGER, "", false, List.of(), Optional.empty()).checkedTypes())
                .containsExactly(VariableType.INTEGER);
    }

    @Test
    void whatABindingKeeps() {
        List<VariableDeclaration> declared = List.of(
                new VariableDeclaration("RID", VariableType.DNS_LABEL, "").withRole(Optional.of(PlaceholderRole.RUN_ID)),
                new VariableDeclaration("API_TOKEN", VariableType.SECRET, ""),
                new VariableDeclaration("NOTE", VariableType.TEXT, ""));
        Variables bound = Variables.bind(declared, Map.of("RID", "nightly-1", "API_TOKEN", "tok-123456", "NOTE", "hello"));

        assertThat(bound.declarations()).extracting(VariableDeclaration::name).containsExactly("RID", "API_TOKEN", "NOTE");
        assertThat(bound.isDeclared("NOTE")).isTrue();
        assertThat(bound.isDeclared("OTHER")).isFalse();
        assertThat(bound.roles()).containsExactly(Map.entry(PlaceholderRole.RUN_ID, "RID"));
        assertThat(bound.secrets()).containsExactly(Map.entry("API_TOKEN", "tok-123456"));
        assertThat(bound.secretValues()).containsExactly("tok-123456");
        assertThat(bound.redacted()).containsEntry("API_TOKEN", "***").containsEntry("NOTE", "hello");
        assertThat(bound.values()).containsEntry("NOTE", "hello");
    }

    @Test
    void aRefusalSaysWhereAnUndeclaredValueIsUsed() {
        PlaceholderUse asName = new PlaceholderUse(12, "metadata.name", VariableType.DNS_SUBDOMAIN);
        VariableDeclaration used = new VariableDeclaration("TARGET", VariableType.TEXT, "", false, List.of(asName), Optional.empty());
        VariableDeclaration declared = new VariableDeclaration("TARGET", VariableType.DNS_SUBDOMAIN, "", true, List.of(asName), Optional.empty());

        assertThatThrownBy(() -> Variables.bind(List.of(used), Map.of("TARGET", "Upper")))
                .isInstanceOfSatisfying(VariablesException.class, e -> assertThat(e.problems().get(0).fix())
                        .endsWith("; it is used as metadata.name at line 12 (" + VariableType.DNS_SUBDOMAIN.shortName() + ")"));
        assertThatThrownBy(() -> Variables.bind(List.of(declared), Map.of("TARGET", "Upper")))
                .isInstanceOfSatisfying(VariablesException.class, e -> assertThat(e.problems().get(0).fix()).doesNotContain("it is used"));
    }

    @Test
    void smallFactsOfValues() {
        assertThat(ImageRef.parse("ghcr.io/o/a:v1")).isEqualTo(ImageRef.parse("ghcr.io/o/a:v1")).isNotEqualTo(ImageRef.parse("ghcr.io/o/a:v2"))
                .hasSameHashCodeAs(ImageRef.parse("ghcr.io/o/a:v1"));
        assertThat(ImageRef.parse("ghcr.io/o/a:v1")).isNotEqualTo("ghcr.io/o/a:v1");
        assertThat(GoDuration.format(java.time.Duration.ZERO)).isEqualTo("0s");
        assertThat(VariableType.inferFromName("LOAD_TIMEOUT")).isEqualTo(VariableType.DURATION);
        assertThat(VariableType.inferFromName("API_TOKEN")).isEqualTo(VariableType.SECRET);
        assertThat(VariableType.inferFromName("NOTE")).isEqualTo(VariableType.TEXT);
        assertThat(new VariableDeclaration("X", VariableType.TEXT, "old").withDescription(" new ").description()).isEqualTo("new");
        assertThat(PlaceholderRole.RUN_ID.variableFlag()).isEqualTo("--run-id-var");
        assertThat(IdentityRoles.resolve(List.of(new VariableDeclaration("SEI_WORKFLOW_RUN_ID", VariableType.DNS_LABEL, "")),
                "SEI_WORKFLOW_RUN_ID", "SEI_NAMESPACE").describe()).contains("run-id=$SEI_WORKFLOW_RUN_ID");
    }

    @Test
    void aNameHintSaysAnOrAByTheTypesFirstLetter() {
        VariableDeclaration image = new VariableDeclaration("BACKUP_IMAGE", VariableType.TEXT, "", false, List.of(), Optional.empty());
        VariableDeclaration minutes = new VariableDeclaration("SOAK_MINUTES", VariableType.TEXT, "", false, List.of(), Optional.empty());

        assertThat(Variables.bind(List.of(image), Map.of("BACKUP_IMAGE", "Not An Image")).warnings())
                .singleElement().asString().contains("its name suggests an image");
        assertThat(Variables.bind(List.of(minutes), Map.of("SOAK_MINUTES", "ten")).warnings())
                .singleElement().asString().contains("its name suggests a");
    }
}
