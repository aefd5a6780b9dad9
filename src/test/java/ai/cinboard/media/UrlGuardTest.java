package ai.cinboard.media;

import static org.junit.jupiter.api.Assertions.*;

import ai.cinboard.domain.StudioException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlGuardTest {
    /** Fixed answers, so the test doesn't depend on this machine's DNS. */
    private static final Map<String, String> DNS = Map.of(
            "cdn.example.com", "93.184.215.14",
            "sneaky.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254",
            "v6-internal.example.com", "fd12:3456::1",
            "mixed.example.com", "93.184.215.14");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("mixed.example.com")) {
            // One public and one private answer: any private answer is enough to refuse.
            return new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("192.168.1.5")};
        }
        String ip = DNS.get(host);
        if (ip != null) {
            return new InetAddress[] {InetAddress.getByName(ip)};
        }
        if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
            return InetAddress.getAllByName(host); // literals are parsed, not looked up
        }
        throw new UnknownHostException(host);
    }

    private final UrlGuard guard = new UrlGuard(List.of(URI.create("http://127.0.0.1:9000")), UrlGuardTest::resolve);

    @Test
    void publicHttpAndHttpsAreAllowed() {
        assertTrue(guard.allows("https://cdn.example.com/a.png"));
        assertTrue(guard.allows("http://cdn.example.com:8080/a.png?x=1"));
        assertTrue(guard.allows("https://93.184.215.14/a.png"));
        assertTrue(guard.allows("http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/a.png"));
    }

    @Test
    void otherSchemesAreRefused() {
        for (String u : List.of(
                "file:///etc/passwd",
                "jar:file:/x.jar!/a.png",
                "ftp://cdn.example.com/a",
                "gopher://cdn.example.com/",
                "data:image/png;base64,AAAA",
                "/relative/path.png",
                "s3://bucket/key")) {
            assertFalse(guard.allows(u), u);
        }
        StudioException e = assertThrows(StudioException.class, () -> guard.check("file:///etc/passwd"));
        assertTrue(
                e.getMessage().contains("'file:'") && e.getMessage().contains("CINBOARD_S3_ENDPOINT"), e.getMessage());
    }

    @Test
    void internalAddressesAreRefusedAfterResolving() {
        for (String u : List.of(
                "http://127.0.0.1/",
                "http://127.1.2.3:8080/",
                "http://[::1]/",
                "http://0.0.0.0/",
                "http://10.0.0.1/",
                "http://172.16.0.1/",
                "http://172.31.255.255/",
                "http://192.168.0.10/",
                "http://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]/",
                "http://[fc00::1]/",
                "http://[fd00:ec2::254]/",
                "http://100.64.0.1/",
                "http://224.0.0.1/",
                "http://[::ffff:10.0.0.1]/",
                "http://sneaky.example.com/a.png",
                "http://metadata.example.com/",
                "http://v6-internal.example.com/",
                "http://mixed.example.com/",
                "http://2130706433/",
                "http://0x7f000001/",
                "http://nowhere.invalid/")) {
            assertFalse(guard.allows(u), u);
        }
        StudioException e = assertThrows(StudioException.class, () -> guard.check("http://sneaky.example.com/a"));
        assertTrue(e.getMessage().contains("10.1.2.3"), e.getMessage());
    }

    @Test
    void publicRangesNextToPrivateOnesAreAllowed() {
        for (String u : List.of(
                "http://172.15.255.255/",
                "http://172.32.0.1/",
                "http://100.128.0.1/",
                "http://11.0.0.1/",
                "http://192.169.0.1/")) {
            assertTrue(guard.allows(u), u);
        }
    }

    @Test
    void theConfiguredEndpointIsAllowedButOnlyThatPortAndScheme() {
        assertTrue(guard.allows("http://127.0.0.1:9000/bucket/key?X-Amz-Signature=abc"));
        assertFalse(guard.allows("http://127.0.0.1:9001/bucket/key"));
        assertFalse(guard.allows("https://127.0.0.1:9000/bucket/key"));
        assertFalse(guard.allows("http://user@127.0.0.1:9000/bucket/key"));
    }
}
