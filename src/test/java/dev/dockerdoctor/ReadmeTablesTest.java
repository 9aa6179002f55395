package dev.dockerdoctor;

import dev.dockerdoctor.diagnosis.rules.Rule;
import dev.dockerdoctor.diagnosis.rules.Rules;
import dev.dockerdoctor.model.StepFamily;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule and every step family is in the README's tables, and the tables name nothing the code lacks. */
class ReadmeTablesTest {
    private static final Pattern FIRST_CELL = Pattern.compile("^\\| `([a-z-]+)(?::<[a-z]+>)?` \\|");

    @Test
    void theFindingsTableIsEveryRule() throws IOException {
        assertThat(firstCells("## Findings")).containsExactlyInAnyOrderElementsOf(
                Rules.all().stream().map(Rule::id).toList());
    }

    @Test
    void thePlanStepsTableIsEveryStepFamily() throws IOException {
        assertThat(firstCells("## Plan steps")).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(StepFamily.values()).map(StepFamily::id).toList());
    }

    /** The ids in the first column of the table under a heading. */
    private static Set<String> firstCells(String heading) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int start = lines.indexOf(heading);
        assertThat(start).as("README has a section %s", heading).isNotNegative();
        Set<String> out = new LinkedHashSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) break;
            Matcher m = FIRST_CELL.matcher(line);
            if (m.find()) out.add(m.group(1));
        }
        return out;
    }
}
