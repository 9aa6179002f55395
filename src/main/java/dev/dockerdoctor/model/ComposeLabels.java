package dev.dockerdoctor.model;

/** The labels docker compose (v1 and v2) puts on the containers it creates. */
public final class ComposeLabels {
    public static final String PROJECT = "com.docker.compose.project";
    public static final String SERVICE = "com.docker.compose.service";
    public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    public static final String CONFIG_FILES = "com.docker.compose.project.config_files";

    private ComposeLabels() {
    }
}
