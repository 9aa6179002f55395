package dev.dockerdoctor.it;

import dev.dockerdoctor.testing.Eventually;
import dev.dockerdoctor.testing.standin.SlackStandIn;
import dev.dockerdoctor.testing.HostNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another failure class on a real disk: Docker's data root is on an ext4 disk (a loop-mounted image) that
 * /etc/fstab mounts on /srv/bigdisk; after a reboot the disk is not mounted, dockerd starts anyway and makes a fresh,
 * empty root in the folder on the system disk. `diagnose` inside the namespace names data-root-disk-not-mounted and
 * plans mount-data-root-disk first; an admin's click on it in the /docker-status report mounts the disk for real,
 * restarts Docker once, and GitLab, whose data was on the disk all along, answers again.
 */
class DiskNotMountedStoryIT {
    private static final List<String> UNIT_FLAGS = List.of("dockerd", "--storage-driver", "vfs", "--shutdown-timeout", "1");

    @Test
    void aDiskThatDidNotMountIsNamedAndAnAdminsClickMountsItAndGitLabIsBack() throws Exception {
        try (HostNamespace ns = HostNamespace.create("/etc/fstab");
             SlackStandIn slack = new SlackStandIn(ns.hostAddress())) {
            Path disk = ns.ext4Disk("bigdisk.img", "256M");
            Files.createDirectories(ns.folder("/srv/bigdisk"));
            Files.writeString(ns.folder("/etc/fstab"), "# <file system> <mount point> <type> <options> <dump> <pass>\n"
                    + disk + " /srv/bigdisk ext4 loop,nofail 0 2\n");
            Files.writeString(ns.folder("/etc/docker/daemon.json"), "{\"data-root\": \"/srv/bigdisk/docker\"}\n");

            // a good day: the disk mounted, Docker's root and GitLab on it
            ns.inside(List.of("mount", "/srv/bigdisk")).orThrow();
            ns.startDockerd(UNIT_FLAGS);
            ns.composeUpGitLab();
            Eventually.await("GitLab answering", Duration.ofSeconds(30), ns::gitlabAnswers);

            // the reboot where the disk did not come up: dockerd starts on the empty folder underneath
            ns.stopDockerd();
            ns.inside(List.of("umount", "/srv/bigdisk")).orThrow();
            ns.startDockerd(UNIT_FLAGS);
            assertThat(ns.gitlabAnswers()).as("the outage").isFalse();
            assertThat(ns.inside(List.of("docker", "ps", "-a", "-q")).stdout().strip()).as("every container seems gone").isEmpty();

            assertThat(NamespaceRecovery.diagnoseNames(ns, "data-root-disk-not-mounted", "mount-data-root-disk"))
                    .contains("/srv/bigdisk", disk.toString());

            NamespaceRecovery.adminsClickBringsGitLabBack(ns, slack, "mount-data-root-disk", UNIT_FLAGS);
            assertThat(ns.inside(List.of("findmnt", "-n", "-o", "SOURCE", "/srv/bigdisk")).stdout()).as("the disk is mounted")
                    .contains("/dev/loop");
        }
    }
}
