package dev.dockerdoctor.parse.compose;

import dev.dockerdoctor.parse.compose.YNode.YMap;
import dev.dockerdoctor.parse.compose.YNode.YScalar;
import dev.dockerdoctor.parse.compose.YNode.YSeq;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlReaderTest {

    private final YamlReader reader = new YamlReader(YamlReader.Limits.defaults());

    /** The classic: 9 levels of 9 aliases, a billion "lol"s once expanded. */
    static String billionLaughs(int levels, int width) {
        StringBuilder b = new StringBuilder("a0: &a0 [\"lol\"]\n");
        for (int i = 1; i <= levels; i++) {
            b.append('a').append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < width; j++) b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            b.append("]\n");
        }
        return b.toString();
    }

    @Test
    void shouldRefuseTheBillionLaughsQuickly() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> reader.read(billionLaughs(9, 9)))
                .isInstanceOf(YamlReader.Problem.class)
                .hasMessageContaining("alias bomb");
        assertThat(System.nanoTime() - t0).as("nanoseconds").isLessThan(1_000_000_000L);
    }

    @Test
    void shouldRefuseABombThatUsesMoreAliasesThanAllowed() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> reader.read(billionLaughs(30, 30)))
                .isInstanceOf(YamlReader.Problem.class)
                .hasMessageContaining("aliases");
        assertThat(System.nanoTime() - t0).isLessThan(1_000_000_000L);
    }

    @Test
    void shouldRefuseAMergeKeyBomb() {
        StringBuilder b = new StringBuilder("m0: &m0 {a: 1}\n");
        for (int i = 1; i <= 40; i++) {
            b.append("m").append(i).append(": &m").append(i).append(" {k").append(i).append(": [*m").append(i - 1)
                    .append(", *m").append(i - 1).append("], <<: *m").append(i - 1).append("}\n");
        }
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> reader.read(b.toString())).isInstanceOf(YamlReader.Problem.class)
                .hasMessageContaining("alias bomb");
        // merged mappings cost more per value than lists; generous bound for a loaded two-core machine
        assertThat(System.nanoTime() - t0).isLessThan(3_000_000_000L);
    }

    @Test
    void shouldRefuseRecursiveAliasesAndDeepNesting() {
        assertThatThrownBy(() -> reader.read("a: &a [*a]\n")).isInstanceOf(YamlReader.Problem.class);
        assertThatThrownBy(() -> reader.read("a: " + "[".repeat(200) + "]".repeat(200) + "\n"))
                .isInstanceOf(YamlReader.Problem.class)
                .hasMessageContaining("Nesting Depth");
    }

    @Test
    void shouldRefuseTextOverTheSizeLimit() {
        YamlReader small = new YamlReader(new YamlReader.Limits(50, 50, 1000, 1000));
        assertThatThrownBy(() -> small.read("a: " + "x".repeat(2000))).isInstanceOf(YamlReader.Problem.class);
    }

    @Test
    void shouldResolveAliasesAndMergeKeysWithExplicitKeysWinning() {
        String yaml = """
                x-defaults: &defaults
                  restart: always
                  image: base
                x-more: &more
                  image: other
                  user: root
                services:
                  web:
                    <<: [*defaults, *more]
                    image: mine
                  db:
                    <<: *defaults
                """;
        YMap top = (YMap) reader.read(yaml).get(0);
        YMap web = (YMap) ((YMap) top.get("services")).get("web");
        assertThat(YNode.text(web.get("image"))).isEqualTo("mine");
        assertThat(YNode.text(web.get("restart"))).isEqualTo("always");
        assertThat(YNode.text(web.get("user"))).isEqualTo("root");
        YMap db = (YMap) ((YMap) top.get("services")).get("db");
        assertThat(YNode.text(db.get("image"))).isEqualTo("base");
        assertThat(db.has("<<")).isFalse();
    }

    @Test
    void shouldKeepResetAndOverrideTagsAndLines() {
        YMap top = (YMap) reader.read("a: !reset null\nb: !override [1]\nc: !reset\n").get(0);
        assertThat(top.get("a").tag()).isEqualTo("!reset");
        assertThat(top.get("b").tag()).isEqualTo("!override");
        assertThat(top.get("c").tag()).isEqualTo("!reset");
        assertThat(top.get("b").line()).isEqualTo(2);
    }

    @Test
    void shouldKeepScalarKindsButReadTheTextAsWritten() {
        YMap top = (YMap) reader.read("restart: no\nport: 8080\nratio: 0.5\nnothing: ~\nyes: on\n").get(0);
        assertThat(((YScalar) top.get("restart")).kind()).isEqualTo(YNode.Kind.BOOL);
        assertThat(YNode.text(top.get("restart"))).isEqualTo("no");
        assertThat(((YScalar) top.get("port")).kind()).isEqualTo(YNode.Kind.INT);
        assertThat(((YScalar) top.get("ratio")).kind()).isEqualTo(YNode.Kind.FLOAT);
        assertThat(YNode.isNull(top.get("nothing"))).isTrue();
        assertThat(top.has("yes")).as("a yes key is a string key").isTrue();
    }

    @Test
    void shouldRefuseDuplicateAndNonStringKeysWithTheirLine() {
        assertThatThrownBy(() -> reader.read("a: 1\nb: 2\na: 3\n"))
                .isInstanceOfSatisfying(YamlReader.Problem.class, p -> assertThat(p.line()).isEqualTo(3))
                .hasMessageContaining("already defined at line 1");
        assertThatThrownBy(() -> reader.read("services:\n  123:\n    image: x\n"))
                .hasMessage("non-string key in services: 123");
    }

    @Test
    void shouldReportSyntaxErrorsWithTheirLine() {
        assertThatThrownBy(() -> reader.read("a: 1\nb: [unclosed\n"))
                .isInstanceOfSatisfying(YamlReader.Problem.class, p -> assertThat(p.line()).isNotNull());
    }

    @Test
    void shouldReadEveryDocumentOfAStream() {
        List<YNode> docs = reader.read("a: 1\n---\nb: [x]\n");
        assertThat(docs).hasSize(2);
        assertThat(((YMap) docs.get(1)).get("b")).isInstanceOf(YSeq.class);
        assertThat(reader.read("")).isEmpty();
    }
}
