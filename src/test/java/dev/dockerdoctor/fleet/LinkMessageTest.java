package dev.dockerdoctor.fleet;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkMessageTest {

    @Test
    void aRequestCrossesAsVersionedJsonAndReadsBackOnlyOnItsSide() throws Exception {
        String text = LinkMessage.write(new LinkMessage.Diagnose("42", "root", Instant.parse("2026-12-04T06:20:00Z")));
        assertThat(text).contains("\"v\":1").contains("\"type\":\"diagnose\"");
        assertThat(LinkMessage.read(text, LinkMessage.ToAgent.class))
                .isEqualTo(new LinkMessage.Diagnose("42", "root", Instant.parse("2026-12-04T06:20:00Z")));
        // the hub does not take a request meant for an agent, and the agent no hello
        assertThatThrownBy(() -> LinkMessage.read(text, LinkMessage.ToHub.class)).hasMessageContaining("'diagnose'");
        String hello = LinkMessage.write(new LinkMessage.Hello("web-1", 30));
        assertThatThrownBy(() -> LinkMessage.read(hello, LinkMessage.ToAgent.class)).isInstanceOf(LinkMessage.Refused.class);
    }

    @Test
    void nothingElseIsActedOn() {
        assertThatThrownBy(() -> LinkMessage.read("{\"v\":1,\"type\":\"exec\",\"argv\":[\"rm\",\"-rf\",\"/\"]}", LinkMessage.ToAgent.class))
                .hasMessageContaining("'exec', which is not one this side takes");
        assertThatThrownBy(() -> LinkMessage.read("{\"v\":2,\"type\":\"diagnose\",\"id\":\"1\"}", LinkMessage.ToAgent.class))
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> LinkMessage.read("\u0000\u00ff junk", LinkMessage.ToAgent.class)).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> LinkMessage.read("[1,2]", LinkMessage.ToAgent.class)).hasMessageContaining("not a JSON object");
    }

    @Test
    void aTokenReadsBackAndJunkIsNoToken() {
        EnrollToken t = EnrollToken.fresh("web-1", "a".repeat(64));
        assertThat(EnrollToken.decode(t.encoded())).contains(t);
        assertThat(t.toString()).doesNotContain(t.secret());
        assertThat(EnrollToken.decode("ddenroll1.!!!")).isEmpty();
        assertThat(EnrollToken.decode(t.encoded().substring(0, 30))).isEmpty();
        assertThat(EnrollToken.decode(EnrollToken.fresh("Bad Name", "a".repeat(64)).encoded())).isEmpty();
        assertThat(HostName.of("GitLab.Example.org")).isEqualTo("gitlab.example.org");
        assertThat(HostName.of("___")).isEqualTo("host");
    }
}
