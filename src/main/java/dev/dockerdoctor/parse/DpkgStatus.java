package dev.dockerdoctor.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code /var/lib/dpkg/status}, pure: the installed version of each package asked for (only those fully installed). */
public final class DpkgStatus {
    private DpkgStatus() {
    }

    public static Map<String, String> installed(String text, Set<String> wanted) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) return out;
        String pkg = null;
        String status = null;
        String version = null;
        for (String line : (text + "\n\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (pkg != null && version != null && status != null && status.endsWith(" installed") && wanted.contains(pkg)) {
                    out.put(pkg, version);
                }
                pkg = status = version = null;
            } else if (line.startsWith("Package: ")) {
                pkg = line.substring(9).strip();
            } else if (line.startsWith("Status: ")) {
                status = line.substring(8).strip();
            } else if (line.startsWith("Version: ")) {
                version = line.substring(9).strip();
            }
        }
        return out;
    }
}
