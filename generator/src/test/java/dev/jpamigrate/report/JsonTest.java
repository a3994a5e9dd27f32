package dev.jpamigrate.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports' JSON layout, byte for byte: a script that diffs two reports sees no change when nothing changed. */
class JsonTest {
    @Test
    void nestedMapsAndListsAreIndentedByTwoSpacesInTheirIterationOrder() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("name", "orders");
        table.put("columns", List.of("id", "total"));
        table.put("rows", 12L);
        table.put("exact", true);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("zeta", 1);
        root.put("tables", List.of(table));
        root.put("alpha", null);

        assertThat(Json.write(root)).isEqualTo("""
                {
                  "zeta": 1,
                  "tables": [
                    {
                      "name": "orders",
                      "columns": [
                        "id",
                        "total"
                      ],
                      "rows": 12,
                      "exact": true
                    }
                  ],
                  "alpha": null
                }
                """);
    }

    @Test
    void emptyContainersStayOnOneLine() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("changes", new ArrayList<>());
        root.put("hazards", new LinkedHashMap<>());
        assertThat(Json.write(root)).isEqualTo("{\n  \"changes\": [],\n  \"hazards\": {}\n}\n");
    }

    @Test
    void stringsAreEscapedAsJsonNeedsAndHtmlIsLeftAlone() {
        assertThat(Json.write(Arrays.asList("a \"quoted\" \\ path", "line\nnext\ttab", "\u0001", "<b>&'")))
                .isEqualTo("[\n  \"a \\\"quoted\\\" \\\\ path\",\n  \"line\\nnext\\ttab\",\n  \"\\u0001\",\n"
                        + "  \"<b>&'\"\n]\n");
    }

    @Test
    void anyOtherValueIsWrittenAsItsString() {
        assertThat(Json.write(List.of(java.nio.file.Path.of("changelogs/a.sql")))).isEqualTo("[\n  \"changelogs/a.sql\"\n]\n");
    }
}
