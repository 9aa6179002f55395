package dev.dockerdoctor.parse;

import dev.dockerdoctor.model.MountPoint;

import java.util.ArrayList;
import java.util.List;

/** Parses /proc/N/mountinfo (what is mounted) and /etc/fstab (what should be). Octal escapes (\040) decoded. */
public final class MountTable {
    private MountTable() {
    }

    public static List<MountPoint> mountinfo(String text) {
        List<MountPoint> out = new ArrayList<>();
        if (text == null) return out;
        for (String line : text.split("\n")) {
            // id parent major:minor root mountpoint options [optional...] - fstype source superopts
            String[] f = line.trim().split(" ");
            int dash = indexOf(f, "-");
            if (f.length < 5 || dash < 0 || dash + 2 >= f.length) continue;
            // field 4 is the folder of the filesystem that is mounted: "/" for a whole filesystem
            out.add(new MountPoint(unescape(f[4]), unescape(f[dash + 2]), f[dash + 1], !f[3].equals("/")));
        }
        return out;
    }

    public static List<MountPoint> fstab(String text) {
        List<MountPoint> out = new ArrayList<>();
        if (text == null) return out;
        for (String line : text.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+");
            if (f.length < 3 || f[1].equals("none") || f[2].equals("swap")) continue;
            out.add(new MountPoint(unescape(f[1]), unescape(f[0]), f[2]));
        }
        return out;
    }

    private static int indexOf(String[] f, String s) {
        for (int i = 0; i < f.length; i++) if (f[i].equals(s)) return i;
        return -1;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
