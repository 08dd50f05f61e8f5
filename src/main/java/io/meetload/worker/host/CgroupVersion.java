package io.meetload.worker.host;

/** Which cgroup hierarchy carries this process's CPU and memory controllers. */
public enum CgroupVersion {
    /** Separate (or co-mounted) v1 hierarchies for cpu, cpuacct and memory. */
    V1,
    /** The unified v2 hierarchy. */
    V2,
    /** No cgroup filesystem found: only the process tree can be measured. */
    NONE
}
