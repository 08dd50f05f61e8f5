package io.meetload.sfu;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/**
 * Whether a Janus on this machine can carry media over loopback addresses: Janus ignores
 * interfaces flagged as loopback when it gathers ICE candidates, so it needs a non-loopback
 * interface with a 127.x address (bin/in-netns makes one: lo1 = 127.0.0.2).
 */
public final class LoopbackMedia {

    private LoopbackMedia() {
    }

    /** Why media will not flow here, or empty when a usable interface exists. */
    public static Optional<String> problem() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && !ni.isLoopback() && ni.getName().startsWith("lo")
                        && Collections.list(ni.getInetAddresses()).stream().anyMatch(InetAddress::isLoopbackAddress)) {
                    return Optional.empty();
                }
            }
        } catch (SocketException e) {
            return Optional.of("cannot list network interfaces (" + e.getMessage() + ")");
        }
        return Optional.of("no lo1-style interface with a 127.x address: Janus will carry no media over lo alone; "
                + "run this inside bin/in-netns (see the README)");
    }
}
