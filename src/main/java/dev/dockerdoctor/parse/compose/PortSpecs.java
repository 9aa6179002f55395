package dev.dockerdoctor.parse.compose;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service's {@code ports:} entry in the short syntax, {@code [[IP:]HOST:]CONTAINER[/PROTOCOL]}, checked as Docker's
 * port parser reads it (the last part is the container's port, the one before it the host's, the rest the address),
 * so that a port compose refuses is refused here too. Ports and ranges are 0 to 65535.
 */
final class PortSpecs {
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.%]+");

    private PortSpecs() {
    }

    /** Why compose would refuse the entry, or empty when it reads it. */
    static Optional<String> problem(String spec) {
        String s = spec.strip();
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            String proto = s.substring(slash + 1);
            if (!proto.matches("(?i)tcp|udp|sctp")) return Optional.of("invalid port \"" + spec + "\": unknown protocol " + proto);
            s = s.substring(0, slash);
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        String container = parts[n - 1];
        String host = n >= 2 ? parts[n - 2] : "";
        String ip = n >= 3 ? String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2)) : "";
        if (!isRange(container)) return Optional.of("invalid containerPort: " + container + " (in \"" + spec + "\")");
        if (!host.isEmpty() && !isRange(host)) return Optional.of("invalid hostPort: " + host + " (in \"" + spec + "\")");
        if (!ip.isEmpty() && !isIp(ip)) return Optional.of("invalid ip address " + ip + " (in \"" + spec + "\")");
        return Optional.empty();
    }

    private static boolean isRange(String p) {
        var m = RANGE.matcher(p);
        if (!m.matches()) return false;
        int from = Integer.parseInt(m.group(1));
        int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
        return from <= 65535 && to <= 65535 && from <= to;
    }

    private static boolean isIp(String ip) {
        String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        if (bare.isEmpty() || !IP_LITERAL.matcher(bare).matches()) return false;
        if (!bare.contains(":") && !bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) return false;
        try {
            InetAddress.getByName(bare); // a literal: no lookup happens for these characters
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
