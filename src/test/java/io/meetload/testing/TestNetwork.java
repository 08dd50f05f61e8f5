package io.meetload.testing;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Browser and SFU tests run in a network namespace with only loopback addresses, where Janus can
 * carry media (bin/in-netns). Outside it they would use this machine's own address, so they
 * refuse to run there, and say how to run them.
 */
public final class TestNetwork {

    private TestNetwork() {
    }

    public static void requireLoopbackOnlyNamespace() {
        try {
            NetworkInterface lo1 = NetworkInterface.getByName("lo1");
            boolean hasMediaAddress = lo1 != null && Collections.list(lo1.getInetAddresses()).stream()
                    .map(InetAddress::getHostAddress).anyMatch("127.0.0.2"::equals);
            boolean onlyLoopback = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                    .allMatch(a -> a.isLoopbackAddress() || a.isLinkLocalAddress());
            if (!hasMediaAddress || !onlyLoopback) {
                fail("browser and SFU tests must run in a loopback-only network namespace with lo1 = 127.0.0.2: "
                        + "run them as the README says (bin/test, or bin/in-netns ./mvnw -o verify)");
            }
        } catch (SocketException e) {
            fail("cannot list network interfaces: " + e);
        }
    }
}
