package dev.dockerdoctor.slack;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: rendered Slack JSON compared with src/test/resources/golden/&lt;test-name&gt;.json.
 * {@code mvn test -Dgolden.update=true} rewrites them; review the diff before committing.
 */
public final class Golden {
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Golden() {
    }

    public static void assertMatches(String name, JsonElement actual) throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden");
        Path file = dir.resolve(name + ".json");
        String text = PRETTY.toJson(actual) + "\n";
        if (Boolean.getBoolean("golden.update") || !Files.exists(file) && Boolean.getBoolean("golden.create")) {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s (run with -Dgolden.update=true to write it)", file).exists();
        JsonElement expected = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(PRETTY.toJson(actual)).as("rendered JSON vs %s (-Dgolden.update=true rewrites it)", file)
                .isEqualTo(PRETTY.toJson(expected));
    }
}
