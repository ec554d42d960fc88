package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintFinding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FindingLinesTest {

    private static final String FILE = String.join("\n",
            "# Placeholders:",                              // 1
            "#   $SEITASK_IMAGE   task image",               // 2
            "#   $UNUSED          never used",               // 3
            "apiVersion: chaos-mesh.org/v1alpha1",           // 4
            "kind: Workflow",                                // 5
            "spec:",                                         // 6
            "  templates:",                                  // 7
            "    - name: main",                              // 8
            "      children: [run-test]",                    // 9
            "    - name: run-test",                          // 10
            "      task:",                                   // 11
            "        container:",                            // 12
            "          image: $SEITASK_IMAGE",               // 13
            "          args: [\"echo ${FORGOTTEN}\"]",       // 14
            "");

    private static int line(String message) {
        return FindingLines.lineOf(LintFinding.error("r", message), FILE);
    }

    @Test
    void aFindingAboutATemplateIsAtTheLineThatDefinesItNotWhereItIsMentioned() {
        assertThat(line("template 'run-test' uses image 'ghcr.io/x/y:latest' without a tag or with :latest")).isEqualTo(10);
        assertThat(line("templates 'main', 'run-test' use image 'x'")).isEqualTo(8);
    }

    @Test
    void aFindingAboutAPlaceholderIsAtItsFirstOccurrence() {
        assertThat(line("$UNUSED is declared but never used; drop it from the header")).isEqualTo(3);
        assertThat(line("$FORGOTTEN looks like a placeholder but is not declared, so it stays as written")).isEqualTo(14);
    }

    @Test
    void aLineTheMessageAlreadyNamesWinsAndAWholeFileFindingIsAtLineOne() {
        assertThat(line("SEI_X: is used as metadata.name at line 9 (DNS-1123 subdomain)")).isEqualTo(9);
        assertThat(line("the scenario holds no Workflow")).isEqualTo(1);
        assertThat(line("template 'nowhere' is defined twice")).isEqualTo(1);
    }
}
