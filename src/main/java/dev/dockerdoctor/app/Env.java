package dev.dockerdoctor.app;

/** Every environment variable the product reads. Nothing else in the code names them. */
public final class Env {
    public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String SLACK_SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String SLACK_APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String SLACK_API_URL = "SLACK_API_URL";
    public static final String DOCTOR_PORT = "DOCTOR_PORT";
    public static final String DOCTOR_CHANNEL = "DOCTOR_CHANNEL";
    public static final String DOCTOR_WATCH = "DOCTOR_WATCH";
    public static final String DOCTOR_WATCH_INTERVAL = "DOCTOR_WATCH_INTERVAL";
    public static final String DOCTOR_REMIND = "DOCTOR_REMIND";
    public static final String DOCTOR_ONCALL = "DOCTOR_ONCALL";
    public static final String DOCTOR_ADMINS = "DOCTOR_ADMINS";
    public static final String DOCTOR_STATE_DIR = "DOCTOR_STATE_DIR";
    public static final String DOCTOR_HOST_ROOT = "DOCTOR_HOST_ROOT";
    public static final String DOCKER_HOST = "DOCKER_HOST";
    public static final String DOCTOR_DOCKER_RESTART = "DOCTOR_DOCKER_RESTART";
    public static final String DOCTOR_DOCKER_START = "DOCTOR_DOCKER_START";
    public static final String DOCTOR_COMPOSE_PATHS = "DOCTOR_COMPOSE_PATHS";
    public static final String DOCTOR_DATA_ROOT_SEARCH = "DOCTOR_DATA_ROOT_SEARCH";
    /** The fleet (README, "Fleet"): where an agent dials its hub, its name there, its one-time token, the hub's port. */
    public static final String DOCTOR_HUB_URL = "DOCTOR_HUB_URL";
    public static final String DOCTOR_HOST_NAME = "DOCTOR_HOST_NAME";
    public static final String DOCTOR_ENROLL_TOKEN = "DOCTOR_ENROLL_TOKEN";
    public static final String DOCTOR_AGENT_PORT = "DOCTOR_AGENT_PORT";
    /** Tests only: fail instead of skip when no private dockerd can start. */
    public static final String DOCTOR_REQUIRE_DOCKER = "DOCTOR_REQUIRE_DOCKER";

    private Env() {
    }

    /** Every setting's name, in the order above (the tests' own switch left out): the man page and the tests list them. */
    public static java.util.List<String> settings() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (java.lang.reflect.Field f : Env.class.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) continue;
            try {
                String v = (String) f.get(null);
                if (!v.equals(DOCTOR_REQUIRE_DOCKER)) out.add(v);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
