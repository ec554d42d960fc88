package dev.workflowrun.domain.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

    @Test
    void controlCharactersAreShownEscapedAndOrdinaryTextIsKept() {
        assertThat(Printable.of("keygen-admin")).isEqualTo("keygen-admin");
        assertThat(Printable.of("a\u001b[31mred\u0007")).isEqualTo("a\\u001b[31mred\\u0007");
        assertThat(Printable.of("line\nnext\ttab\r")).isEqualTo("line\\nnext\\ttab\\u000d");
        assertThat(Printable.of("evil\u202etxt.exe")).isEqualTo("evil\\u202etxt.exe");
        assertThat(Printable.of("ünïcödé ✓")).isEqualTo("ünïcödé ✓");
    }
}
