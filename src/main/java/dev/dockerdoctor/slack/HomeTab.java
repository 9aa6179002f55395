package dev.dockerdoctor.slack;

import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import dev.dockerdoctor.slack.message.HomeViews;
import dev.dockerdoctor.slack.message.ViewContext;
import dev.dockerdoctor.slack.render.BlockKitRenderer;
import dev.dockerdoctor.slack.render.SlackMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The App Home tab: on {@code app_home_opened} (the Home tab, not Messages) the event is acked at once and the
 * tab published with {@code views.publish} from the bot's workers, from what is known now (no diagnosis runs).
 */
final class HomeTab {
    private static final Logger log = LoggerFactory.getLogger(HomeTab.class);

    private final WatchDesk source;
    private final SlackBot.Options options;
    private final Supplier<Optional<String>> teamUrl;
    private final Predicate<Runnable> submit;

    /**
     * @param teamUrl the workspace's URL, as auth.test said it (links to incident threads)
     * @param submit  queues work on the bot's workers; false when they are full (the tab then waits for next time)
     */
    HomeTab(WatchDesk source, SlackBot.Options options, Supplier<Optional<String>> teamUrl, Predicate<Runnable> submit) {
        this.source = source;
        this.options = options;
        this.teamUrl = teamUrl;
        this.submit = submit;
    }

    void register(App app) {
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent e = payload.getEvent();
            if (e != null && "home".equals(e.getTab()) && e.getUser() != null) {
                MethodsClient client = ctx.client();
                submit.test(() -> publish(client, e.getUser()));
            }
            return ctx.ack();
        });
    }

    void publish(MethodsClient client, String user) {
        ViewContext c = new ViewContext(options.host(), "home", List.copyOf(options.admins()), null);
        SlackMessage m = BlockKitRenderer.renderChecked(HomeViews.home(source.home(), c, options.zone(),
                options.clock().instant(), teamUrl.get()), options.secrets());
        View view = View.builder().type("home").blocks(m.blocks()).build();
        try {
            ViewsPublishResponse r = client.viewsPublish(q -> q.userId(user).view(view));
            if (!r.isOk()) log.warn("views.publish for the Home tab failed: {}", r.getError());
        } catch (IOException | SlackApiException ex) {
            log.warn("views.publish for the Home tab failed ({})", ex.getClass().getSimpleName());
        }
    }
}
