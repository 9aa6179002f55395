package dev.dockerdoctor.model;

/** A compose file that could not be used: which file, the line when known (else null), and why. */
public record ComposeProblem(String file, Integer line, String message) {
}
