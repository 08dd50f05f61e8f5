package io.meetload.worker.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a process's own cgroups are, worked out from the text of {@code /proc/PID/cgroup} and
 * {@code /proc/PID/mountinfo}: which version carries cpu, cpuacct and memory, and, for each, the
 * directory of the process's group under the filesystem root.
 *
 * <p>v1 wins as soon as one v1 hierarchy carries cpu, cpuacct or memory: a hybrid host also mounts
 * a cgroup2 (often at {@code /sys/fs/cgroup/unified}) that has a {@code cgroup.controllers} file but
 * none of those controllers, and it must not be taken for v2.
 *
 * @param cpu the group whose {@code cpu.*} files give the quota (null when not mounted)
 * @param cpuacct the group whose counter gives the CPU used (null when not mounted)
 * @param memory the group of the memory controller (null when not mounted)
 */
record CgroupLayout(CgroupVersion version, Group cpu, Group cpuacct, Group memory) {

    private static final Set<String> V1_CONTROLLERS = Set.of("cpu", "cpuacct", "memory");

    /**
     * One of the process's groups.
     *
     * @param path the group's path below its mount, as this process sees it ("/" at the mount itself)
     * @param dir its directory under the filesystem root
     * @param mountDir the directory the hierarchy is mounted on; limits are looked for up to here
     */
    record Group(String path, Path dir, Path mountDir) {
    }

    record Mount(String root, String mountPoint, String fsType, Set<String> superOptions) {
    }

    record Membership(int hierarchyId, Set<String> controllers, String path) {
    }

    static CgroupLayout resolve(Path fsRoot, String procCgroup, String mountInfo) {
        List<Mount> mounts = parseMountInfo(mountInfo);
        List<Membership> memberships = parseProcCgroup(procCgroup);
        boolean v1 = mounts.stream().anyMatch(m -> m.fsType().equals("cgroup")
                && m.superOptions().stream().anyMatch(V1_CONTROLLERS::contains));
        if (v1) {
            return new CgroupLayout(CgroupVersion.V1, v1Group(fsRoot, mounts, memberships, "cpu"),
                    v1Group(fsRoot, mounts, memberships, "cpuacct"), v1Group(fsRoot, mounts, memberships, "memory"));
        }
        String unifiedPath = memberships.stream().filter(m -> m.hierarchyId() == 0 && m.controllers().isEmpty())
                .map(Membership::path).findFirst().orElse("/");
        for (Mount mount : mounts) {
            if (mount.fsType().equals("cgroup2")
                    && Files.exists(mountDir(fsRoot, mount).resolve("cgroup.controllers"))) {
                Group group = group(fsRoot, mount, unifiedPath);
                return new CgroupLayout(CgroupVersion.V2, group, group, group);
            }
        }
        return new CgroupLayout(CgroupVersion.NONE, null, null, null);
    }

    private static Group v1Group(Path fsRoot, List<Mount> mounts, List<Membership> memberships, String controller) {
        String path = memberships.stream().filter(m -> m.controllers().contains(controller))
                .map(Membership::path).findFirst().orElse("/");
        Mount chosen = null;
        for (Mount mount : mounts) {
            if (mount.fsType().equals("cgroup") && mount.superOptions().contains(controller)) {
                if (isUnder(path, mount.root())) {
                    return group(fsRoot, mount, path);
                }
                if (chosen == null) {
                    chosen = mount;
                }
            }
        }
        return chosen == null ? null : group(fsRoot, chosen, path);
    }

    /**
     * A mount whose root is the process's own group (docker on v1: root "/docker/ID") or a cgroup
     * namespace (path "/") puts the group at the mount point itself.
     */
    private static Group group(Path fsRoot, Mount mount, String path) {
        String relative = "/";
        if (isUnder(path, mount.root()) && !path.contains("/..")) {
            relative = mount.root().equals("/") ? path : path.substring(mount.root().length());
            if (relative.isEmpty()) {
                relative = "/";
            }
        }
        Path mountDir = mountDir(fsRoot, mount);
        Path dir = relative.equals("/") ? mountDir : mountDir.resolve(relative.substring(1));
        return new Group(relative, dir, mountDir);
    }

    private static boolean isUnder(String path, String root) {
        return root.equals("/") || path.equals(root) || path.startsWith(root + "/");
    }

    private static Path mountDir(Path fsRoot, Mount mount) {
        return fsRoot.resolve(mount.mountPoint().substring(1));
    }

    /** Lines of {@code /proc/PID/mountinfo}: "ID PARENT MAJ:MIN ROOT POINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER". */
    static List<Mount> parseMountInfo(String text) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] fields = line.strip().split(" ");
            int dash = List.of(fields).indexOf("-");
            if (dash < 6 || dash + 3 >= fields.length) {
                continue;
            }
            mounts.add(new Mount(unescape(fields[3]), unescape(fields[4]), fields[dash + 1],
                    Set.copyOf(List.of(fields[dash + 3].split(",")))));
        }
        return mounts;
    }

    /** Lines of {@code /proc/PID/cgroup}: "ID:CONTROLLERS:PATH" ("0::PATH" for v2). */
    static List<Membership> parseProcCgroup(String text) {
        List<Membership> memberships = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] fields = line.strip().split(":", 3);
            if (fields.length < 3 || !fields[0].matches("\\d+")) {
                continue;
            }
            Set<String> controllers = fields[1].isEmpty() ? Set.of() : Set.copyOf(List.of(fields[1].split(",")));
            memberships.add(new Membership(Integer.parseInt(fields[0]), controllers, fields[2]));
        }
        return memberships;
    }

    /** mountinfo writes space, tab, newline and backslash in paths as \040, \011, \012 and \134. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
