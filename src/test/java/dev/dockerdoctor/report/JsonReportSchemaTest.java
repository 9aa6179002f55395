package dev.dockerdoctor.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dockerdoctor.slack.TestDiagnoses;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** diagnose --json says its schemaVersion first, and its top-level keys are the README's JSON table, no more, no less. */
class JsonReportSchemaTest {
    @Test
    void theDocumentSaysItsVersionFirstAndHasExactlyTheDocumentedKeys() throws Exception {
        JsonNode doc = JsonReport.tree(TestDiagnoses.incident());
        assertThat(doc.fieldNames().next()).isEqualTo("schemaVersion");
        assertThat(doc.get("schemaVersion").asInt()).isEqualTo(JsonReport.SCHEMA_VERSION).isEqualTo(1);

        String readme = Files.readString(Path.of(System.getProperty("basedir", "."), "README.md"));
        String table = readme.substring(readme.indexOf("### JSON"), readme.indexOf("\n## ", readme.indexOf("### JSON")));
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-zA-Z]+)(?:\\[])?`(?:, `([a-zA-Z]+)`)? \\|").matcher(table);
        while (m.find()) {
            documented.add(m.group(1));
            if (m.group(2) != null) documented.add(m.group(2));
        }
        List<String> written = new ArrayList<>();
        doc.fieldNames().forEachRemaining(written::add);
        assertThat(written).containsExactlyInAnyOrderElementsOf(documented);
    }
}
