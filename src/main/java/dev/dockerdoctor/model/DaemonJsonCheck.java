package dev.dockerdoctor.model;

/**
 * dockerd's own verdict on daemon.json ({@code dockerd --validate --config-file FILE}, Docker 23 and later), asked of
 * the host's dockerd when the bot runs on the host. It has the last word over the project's own checks, which know
 * the keys of the engines they were written for only.
 *
 * @param dockerd  the binary asked, and its version when it said
 * @param accepted whether it said "configuration OK"
 * @param words    its refusal, as it wrote it (null when accepted)
 */
public record DaemonJsonCheck(String dockerd, boolean accepted, String words) {
}
