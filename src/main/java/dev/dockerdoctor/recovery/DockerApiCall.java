package dev.dockerdoctor.recovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The docker commands a step may run that the Docker API does itself, so they work where no {@code docker} CLI is
 * installed (the container image has none). Read from the argv a step shows, and only in exactly these forms;
 * anything else stays a command. There is no volume prune here, on purpose: volumes are never pruned.
 */
public sealed interface DockerApiCall {
    /** {@code docker restart NAME}: {@code POST /containers/NAME/restart}. */
    record RestartContainer(String name) implements DockerApiCall {
        @Override
        public String describe() { return "POST /containers/" + name + "/restart"; }
    }

    /** {@code docker image|container|builder prune -f}: dangling images, stopped containers, unused build cache. */
    record Prune(What what) implements DockerApiCall {
        public enum What { IMAGES, CONTAINERS, BUILD_CACHE }

        @Override
        public String describe() {
            return switch (what) {
                case IMAGES -> "POST /images/prune (dangling only)";
                case CONTAINERS -> "POST /containers/prune";
                case BUILD_CACHE -> "POST /build/prune";
            };
        }
    }

    /** The API request, as the audit log and the thread say it. */
    String describe();

    /** The call this argv means, when it is one of the forms above (with or without {@code -H HOST}). */
    static Optional<DockerApiCall> of(List<String> argv) {
        if (argv.isEmpty() || !Path.of(argv.get(0)).getFileName().toString().equals("docker")) return Optional.empty();
        List<String> rest = argv.subList(1, argv.size());
        if (rest.size() >= 2 && (rest.get(0).equals("-H") || rest.get(0).equals("--host"))) rest = rest.subList(2, rest.size());
        if (rest.size() == 2 && rest.get(0).equals("restart") && !rest.get(1).startsWith("-")) {
            return Optional.of(new RestartContainer(rest.get(1)));
        }
        if (rest.size() == 3 && rest.get(1).equals("prune") && rest.get(2).equals("-f")) {
            return switch (rest.get(0)) {
                case "image" -> Optional.of(new Prune(Prune.What.IMAGES));
                case "container" -> Optional.of(new Prune(Prune.What.CONTAINERS));
                case "builder" -> Optional.of(new Prune(Prune.What.BUILD_CACHE));
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }
}
