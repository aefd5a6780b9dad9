package ai.cinboard.media;

import ai.cinboard.domain.StudioException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether the studio may fetch a media URL over HTTP (SSRF protection). Only http and https are
 * fetched; the host is resolved and every address it resolves to must be public, unless the URL's
 * scheme, host and port are those of a configured endpoint (e.g. a MinIO on 127.0.0.1:9000).
 * Refused: file:, jar: and every other scheme, user-info in URLs, loopback, link-local (169.254/16,
 * fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), carrier NAT (100.64/10),
 * "this network" (0/8), multicast and broadcast.
 *
 * <p>Limit: the HTTP client resolves the name again when it connects. Java caches lookups (30 s by
 * default), which narrows but does not close a DNS-rebinding window; redirects are never followed.
 */
public final class UrlGuard {
    /** Resolves host names; replaceable so tests can make a name point at a private address. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowedOrigins;
    private final Resolver resolver;

    /** @param allowedEndpoints endpoints the studio is configured to use, e.g. the S3 endpoint */
    public UrlGuard(Collection<URI> allowedEndpoints) {
        this(allowedEndpoints, InetAddress::getAllByName);
    }

    public UrlGuard(Collection<URI> allowedEndpoints, Resolver resolver) {
        this.allowedOrigins = allowedEndpoints.stream().map(UrlGuard::origin).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** Returns the parsed URI if it may be fetched; otherwise a StudioException saying why. */
    public URI check(String url) {
        return check(
                url,
                "Media is only read from the configured stores and public addresses; if this is your own"
                        + " storage server, configure it as CINBOARD_S3_ENDPOINT.");
    }

    /**
     * {@link #check(String)} with the caller's own last sentence of the refusal: where it does read from and
     * what to configure.
     */
    public URI check(String url, String remedy) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw refuse(remedy, url, "it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refuse(remedy, url, "only http and https media URLs are fetched, not '" + scheme + ":'");
        }
        if (uri.getRawUserInfo() != null) {
            throw refuse(remedy, url, "URLs with a user name are not fetched");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw refuse(remedy, url, "it names no host");
        }
        if (allowedOrigins.contains(origin(uri))) {
            return uri;
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw refuse(remedy, url, "its host '" + host + "' can't be found");
        }
        if (addresses.length == 0) {
            throw refuse(remedy, url, "its host '" + host + "' has no address");
        }
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                throw refuse(remedy, url, "its host resolves to the internal address " + a.getHostAddress());
            }
        }
        return uri;
    }

    public boolean allows(String url) {
        try {
            check(url);
            return true;
        } catch (StudioException e) {
            return false;
        }
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // 0.0.0.0/8 "this network"
                    && !(first == 100 && (second & 0xc0) == 64) // 100.64.0.0/10 carrier-grade NAT
                    && !(first == 255); // broadcast
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            // ::ffff:a.b.c.d written out as IPv6 (Java usually turns these into IPv4 already).
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String origin(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }

    private static StudioException refuse(String remedy, String url, String why) {
        String shown = url == null ? "null" : url.length() > 120 ? url.substring(0, 117) + "..." : url;
        return new StudioException("The media URL '" + shown + "' was refused: " + why + ". " + remedy);
    }
}
