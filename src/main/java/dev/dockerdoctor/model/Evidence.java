package dev.dockerdoctor.model;

/** One piece of evidence behind a finding: where it came from (a file, "daemon", "journal") and what it said. */
public record Evidence(String source, String text) {
}
