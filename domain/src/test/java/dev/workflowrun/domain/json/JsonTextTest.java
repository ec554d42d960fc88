package dev.workflowrun.domain.json;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON of {@code run.json} and the JSON log lines: exact bytes, compact and pretty. */
class JsonTextTest {

    private static Map<String, Object> document() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\nd\re\tf\u0001g\u2028h\u2029i\u001fj ~");
        m.put("n", null);
        m.put("absent", Optional.empty());
        m.put("present", Optional.of(7));
        m.put("flags", List.of(true, 3L, 2.5, Double.NaN, new BigDecimal("1.25")));
        m.put("empty", Map.of());
        m.put("none", List.of());
        m.put("nested", Map.of("k", List.of(Map.of("x", 1))));
        m.put("other", new StringBuilder("as text"));
        return m;
    }

    @Test
    void compactJsonHasNoWhitespaceBetweenTokens() {
        assertThat(JsonText.write(document())).isEqualTo(
                "{\"s\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u2028h\\u2029i\\u001fj ~\",\"n\":null,\"absent\":null,\"present\":7,"
                        + "\"flags\":[true,3,2.5,null,1.25],\"empty\":{},\"none\":[],\"nested\":{\"k\":[{\"x\":1}]},\"other\":\"as text\"}");
    }

    @Test
    void prettyJsonIndentsTwoSpacesPerLevelAndEndsWithANewline() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("list", List.of("x", Map.of("k", "v")));
        m.put("empty", List.of());
        m.put("obj", Map.of());

        assertThat(JsonText.pretty(m)).isEqualTo("""
                {
                  "a": 1,
                  "list": [
                    "x",
                    {
                      "k": "v"
                    }
                  ],
                  "empty": [],
                  "obj": {}
                }
                """);
    }

    @Test
    void aTopLevelScalarIsWrittenAsItIs() {
        assertThat(JsonText.write(null)).isEqualTo("null");
        assertThat(JsonText.write("x")).isEqualTo("\"x\"");
        assertThat(JsonText.pretty(List.of(1))).isEqualTo("[\n  1\n]\n");
        assertThat(JsonText.write(Double.POSITIVE_INFINITY)).isEqualTo("null");
        assertThat(JsonText.write(0.0f)).isEqualTo("0.0");
    }
}
